#!/usr/bin/env node
// The `sweetie` command. Sources are TypeScript; tsx loads them directly so the CLI works right
// after `npm install`, with no build step.
import { register } from "tsx/esm/api";

register();
await import("../apps/server/src/cli/main.ts");
