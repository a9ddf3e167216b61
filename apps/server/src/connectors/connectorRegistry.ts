import { ConnectorError, type Connector, type ConnectorProtocol } from "./connector";

/** The training range needs no account: one simulated network per operation. */
export interface TrainingAccount {
  protocol: "training";
  key: "training";
}

/**
 * One account on a real chat network (a row of `venue_networks`), as a connector needs it. The
 * secret is decrypted only in memory, for the connector; it is never logged or returned.
 */
export interface NetworkAccount {
  protocol: Exclude<ConnectorProtocol, "training">;
  /** Unique within the operation: the network's id. */
  key: string;
  host: string;
  port: number;
  tls: boolean;
  /** The account (IRC nick or SASL user, XMPP JID) the persona signs in with. */
  accountName: string;
  secret: string | null;
  /** The persona's display names, in order of preference (IRC nick choice, XMPP room nick). */
  displayNames: readonly string[];
}

export type VenueAccount = TrainingAccount | NetworkAccount;

/** Builds a connector for one account; the hub calls `connect()` on it afterwards. */
export type ConnectorFactory<A extends VenueAccount = VenueAccount> = (account: A) => Connector;

type FactoryFor<P extends ConnectorProtocol> = P extends "training"
  ? ConnectorFactory<TrainingAccount>
  : ConnectorFactory<NetworkAccount & { protocol: P }>;

/**
 * Which connector speaks which protocol. A protocol is added by registering a factory for it
 * (see connectors/README.md); the hub opens one connector per (operation, account) through it.
 */
export class ConnectorRegistry {
  private readonly factories = new Map<ConnectorProtocol, ConnectorFactory<never>>();

  register<P extends ConnectorProtocol>(protocol: P, factory: FactoryFor<P>): this {
    this.factories.set(protocol, factory as ConnectorFactory<never>);
    return this;
  }

  has(protocol: ConnectorProtocol): boolean {
    return this.factories.has(protocol);
  }

  protocols(): ConnectorProtocol[] {
    return [...this.factories.keys()];
  }

  /** A new, not yet connected connector for the account. */
  create(account: VenueAccount): Connector {
    const factory = this.factories.get(account.protocol) as ConnectorFactory | undefined;
    if (!factory) {
      throw new ConnectorError(
        "unknown_protocol",
        `This server has no ${account.protocol.toUpperCase()} connector enabled; ask the administrator to enable it.`,
      );
    }
    return factory(account);
  }
}
