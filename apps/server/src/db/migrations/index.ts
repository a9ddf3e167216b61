import * as foundation from "./0001_foundation";
import * as ledger from "./0002_ledger";
import * as consoleTables from "./0004_console";
import * as ledgerEntriesWithoutFk from "./0005_ledger_entries_without_fk";
import * as ledgerEntriesLeanIndexes from "./0006_ledger_entries_lean_indexes";
import * as conversationAnalysis from "./0007_conversation_analysis";
import * as subjectCountry from "./0008_subject_country";
import * as evidenceCoverageAndGuards from "./0009_evidence_coverage_and_guards";
import * as conversationMoveLanguage from "./0013_conversation_move_language";
import * as authThrottleAndViews from "./0014_auth_throttle_and_views";
import * as administration from "./0015_administration";
import * as identification from "./0016_identification";
import * as referrals from "./0018_referrals";
import * as messageDeliveries from "./0020_message_deliveries";
import * as venueNetworks from "./0021_venue_networks";
import * as venuePresences from "./0022_venue_presences";
import * as captureBlobs from "./0023_capture_blobs";
import * as disclosures from "./0025_disclosures";
import * as imageComparisons from "./0027_image_comparisons";

/**
 * Every migration, in order. Forward-only: add a new file, never edit an applied one.
 * Keys sort lexically; keep the four-digit prefix.
 */
export const migrations = {
  "0001_foundation": foundation,
  "0002_ledger": ledger,
  "0004_console": consoleTables,
  "0005_ledger_entries_without_fk": ledgerEntriesWithoutFk,
  "0006_ledger_entries_lean_indexes": ledgerEntriesLeanIndexes,
  "0007_conversation_analysis": conversationAnalysis,
  "0008_subject_country": subjectCountry,
  "0009_evidence_coverage_and_guards": evidenceCoverageAndGuards,
  "0013_conversation_move_language": conversationMoveLanguage,
  "0014_auth_throttle_and_views": authThrottleAndViews,
  "0015_administration": administration,
  "0016_identification": identification,
  "0018_referrals": referrals,
  "0020_message_deliveries": messageDeliveries,
  "0021_venue_networks": venueNetworks,
  "0022_venue_presences": venuePresences,
  "0023_capture_blobs": captureBlobs,
  "0025_disclosures": disclosures,
  "0027_image_comparisons": imageComparisons,
};
