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
import type {
  BlobChunksTable,
  BlobsTable,
  ClaimCitationsTable,
  ClaimGradingsTable,
  ClaimSignoffsTable,
  ClaimsTable,
  CountryConfirmationsTable,
  ImageComparisonsTable,
  DeconflictionNoticesTable,
  DeconflictionPointersTable,
  FindingsTable,
  ImageHashesTable,
  ObservationsTable,
  RetractionsTable,
  SubjectMergesTable,
} from "./tables/identity";
import type { LedgerEntriesTable, LedgerHeadsTable, LedgerStateTable } from "./tables/ledger";
import type {
  ConversationsTable,
  EventsTable,
  MessageDeliveriesTable,
  MessagesTable,
  MessageWireTable,
} from "./tables/conversations";
import type {
  MembershipsTable,
  OperationsTable,
  PersonasTable,
  VenueLeasesTable,
  VenueNetworksTable,
  VenuePresencesTable,
  VenuesTable,
} from "./tables/operations";
import type {
  AgenciesTable,
  HeadCosignaturesTable,
  ReferralStepsTable,
  ReferralsTable,
} from "./tables/referrals";
import type { DisclosureExportsTable, DisclosuresTable } from "./tables/disclosures";
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
  message_deliveries: MessageDeliveriesTable;
  message_wire: MessageWireTable;
  venue_networks: VenueNetworksTable;
  venue_leases: VenueLeasesTable;
  venue_presences: VenuePresencesTable;
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
  blob_chunks: BlobChunksTable;
  blobs: BlobsTable;
  findings: FindingsTable;
  observations: ObservationsTable;
  claims: ClaimsTable;
  claim_citations: ClaimCitationsTable;
  claim_gradings: ClaimGradingsTable;
  claim_signoffs: ClaimSignoffsTable;
  retractions: RetractionsTable;
  subject_merges: SubjectMergesTable;
  country_confirmations: CountryConfirmationsTable;
  image_comparisons: ImageComparisonsTable;
  image_hashes: ImageHashesTable;
  deconfliction_pointers: DeconflictionPointersTable;
  deconfliction_notices: DeconflictionNoticesTable;
  agencies: AgenciesTable;
  referrals: ReferralsTable;
  referral_steps: ReferralStepsTable;
  head_cosignatures: HeadCosignaturesTable;
  disclosures: DisclosuresTable;
  disclosure_exports: DisclosureExportsTable;
}
