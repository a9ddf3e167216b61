import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

export type Role = "admin" | "supervisor" | "operator" | "analyst" | "legal";
export type OperationMode = "identify" | "deter";

export interface OperationsTable {
  id: Generated<string>;
  name: string;
  mode: OperationMode;
  is_training: Generated<boolean>;
  issuing_authority: string;
  authorization_reference: string;
  partner_unit: string;
  /** Venue addresses the authorization permits, e.g. "training://lobby" or "irc://host/#room". */
  permitted_venues: ColumnType<string[], string, string>;
  persona_age: number;
  starts_at: Date;
  ends_at: Date;
  retention_days: Generated<number>;
  require_totp: Generated<boolean>;
  created_by: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  /** Closed operations keep their evidence; nothing more can be done in them. */
  closed_at: Date | null;
  closed_by: string | null;
  close_reason: string | null;
}
export type OperationRow = Selectable<OperationsTable>;
export type NewOperationRow = Insertable<OperationsTable>;

export interface MembershipsTable {
  operation_id: string;
  user_id: string;
  role: Role;
  created_at: ColumnType<Date, Date | undefined, never>;
}
export type MembershipRow = Selectable<MembershipsTable>;

export interface PersonasTable {
  id: Generated<string>;
  operation_id: string;
  name: string;
  age: number;
  gender: string;
  location: string;
  display_names: ColumnType<string[], string, string>;
  created_at: ColumnType<Date, Date | undefined, never>;
}
export type PersonaRow = Selectable<PersonasTable>;

export interface VenuesTable {
  id: Generated<string>;
  operation_id: string;
  protocol: "training" | "irc" | "xmpp";
  name: string;
  address: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  /** The network account a real venue is reached through; null for the training range (0021). */
  network_id: ColumnType<string | null, string | null | undefined, string | null>;
}
export type VenueRow = Selectable<VenuesTable>;

/** An operation's account on a real chat network (0021). Configuration, audited; not evidence. */
export interface VenueNetworksTable {
  id: Generated<string>;
  operation_id: string;
  protocol: "irc" | "xmpp";
  host: string;
  port: number;
  tls: boolean;
  account_name: string;
  /** AES-256-GCM (venues/secretBox.ts); never returned by the API nor logged. */
  secret_sealed: Uint8Array | null;
  created_by: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}
export type VenueNetworkRow = Selectable<VenueNetworksTable>;

/** Which server process holds a network account's connection (0021; used from 0022). */
export interface VenueLeasesTable {
  network_id: string;
  holder: string;
  /** Fencing epoch: raised on every takeover; a holder's writes carry the epoch it holds. */
  epoch: ColumnType<number, number | undefined, number>;
  expires_at: Date;
  renewed_at: ColumnType<Date, Date | undefined, Date>;
}
export type VenueLeaseRow = Selectable<VenueLeasesTable>;

/** A real network's room where the persona should be present, until the operator leaves (0022). */
export interface VenuePresencesTable {
  venue_id: string;
  operation_id: string;
  network_id: string;
  persona_id: string | null;
  display_name: string;
  /** The persona's names in the order the connector tries them (a nick may be taken). */
  display_names: ColumnType<string[], string, string>;
  started_by: string | null;
  started_at: ColumnType<Date, Date | undefined, never>;
}
export type VenuePresenceRow = Selectable<VenuePresencesTable>;
