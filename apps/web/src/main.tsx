import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { createQueryClient } from "./queryClient";
import "./styles/base.css";
import "./styles/layout.css";
import "./styles/buttons.css";
import "./styles/forms.css";
import "./styles/messages.css";
import "./styles/badges.css";
import "./styles/tables.css";
import "./styles/records.css";
import "./styles/accountMenu.css";
import "./styles/console.css";
import "./styles/operation.css";
import "./styles/administration.css";
import "./styles/identity.css";
import "./styles/referrals.css";

const rootElement = document.getElementById("root");
if (rootElement === null) throw new Error("index.html has no #root element");

createRoot(rootElement).render(
  <StrictMode>
    <QueryClientProvider client={createQueryClient()}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
