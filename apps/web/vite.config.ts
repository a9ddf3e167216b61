import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// Root is pinned to this folder so `vite build` gives the same apps/web/dist whether it is run
// from the workspace (npm run build) or from the repository root.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    host: "127.0.0.1",
    proxy: {
      "/api": { target: "http://127.0.0.1:8080", changeOrigin: false, ws: true },
    },
  },
});
