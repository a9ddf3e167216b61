import type { NetworkAccount } from "../connectors/connectorRegistry";
import type { VenueNetworkRow } from "../db/tables/operations";
import type { SecretBox } from "./secretBox";

/** A network row as its connector needs it, the secret opened in memory only. */
export function networkAccount(
  network: VenueNetworkRow,
  secrets: SecretBox | null,
  displayNames: readonly string[],
): NetworkAccount {
  const secret =
    network.secret_sealed && secrets ? secrets.open(network.secret_sealed, network.id) : null;
  return {
    protocol: network.protocol,
    key: network.id,
    host: network.host,
    port: network.port,
    tls: network.tls,
    accountName: network.account_name,
    secret,
    displayNames,
  };
}
