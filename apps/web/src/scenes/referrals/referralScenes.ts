// Referrals, the agency registry and signed heads carry the shared referral schemas (with the
// Ed25519 key check): loaded together, only when one of them is opened.
export { AgenciesScene } from "../admin/AgenciesScene";
export { HeadsScene } from "./HeadsScene";
export { NewReferralScene } from "./NewReferralScene";
export { ReferralScene } from "./ReferralScene";
export { ReferralsScene } from "./ReferralsScene";
