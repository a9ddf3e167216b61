import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The API the dev server forwards to; override when the server listens elsewhere.
const apiTarget = process.env.SWEETIE_API_TARGET ?? "http://127.0.0.1:8080";

// Root is pinned to this folder so `vite build` gives the same apps/web/dist whether it is run
// from the workspace (npm run build) or from the repository root.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: true,
    // The bundler's "slow plugin" timing report is noise for someone starting the console on a
    // busy machine; real warnings still show.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: {
    host: "127.0.0.1",
    proxy: {
      "/api": { target: apiTarget, changeOrigin: false, ws: true },
    },
  },
});
