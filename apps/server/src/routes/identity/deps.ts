import type { AppDeps } from "../../appDeps";
import type { IdentityPorts } from "../../identity/identityPorts";

export type IdentityRouteDeps = AppDeps & { identity: IdentityPorts };
