import type { AuditTable } from "./tables/audit";
import type {
  CapturesTable,
  ConversationReviewsTable,
  ExposureBudgetsTable,
  ExposureOverridesTable,
  EvidenceViewsTable,
  RevealsTable,
  SubjectConversationsTable,
  SubjectsTable,
} from "./tables/console";
import type { LedgerEntriesTable, LedgerHeadsTable, LedgerStateTable } from "./tables/ledger";
import type { ConversationsTable, EventsTable, MessagesTable } from "./tables/conversations";
import type {
  MembershipsTable,
  OperationsTable,
  PersonasTable,
  VenuesTable,
} from "./tables/operations";
import type { AuthThrottleTable, SessionsTable, UsersTable } from "./tables/users";

/** Every table Kysely knows; each table's type lives in tables/. */
export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  operations: OperationsTable;
  memberships: MembershipsTable;
  personas: PersonasTable;
  venues: VenuesTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  events: EventsTable;
  audit: AuditTable;
  ledger_state: LedgerStateTable;
  ledger_entries: LedgerEntriesTable;
  ledger_heads: LedgerHeadsTable;
  conversation_reviews: ConversationReviewsTable;
  subjects: SubjectsTable;
  subject_conversations: SubjectConversationsTable;
  captures: CapturesTable;
  exposure_budgets: ExposureBudgetsTable;
  exposure_overrides: ExposureOverridesTable;
  reveals: RevealsTable;
  evidence_views: EvidenceViewsTable;
  auth_throttle: AuthThrottleTable;
}
