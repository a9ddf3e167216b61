/**
 * The one registry of errors users can meet: a stable code, its HTTP status, a short title and
 * a default message that says what went wrong and what to do. Routes throw `AppError`; the error
 * handler answers it as RFC 9457 problem+json.
 */
export const errorRegistry = {
  validation_failed: {
    status: 400,
    title: "Some fields are not valid",
    detail: "Check the highlighted fields and try again.",
  },
  malformed_json: {
    status: 400,
    title: "The request body is not valid JSON",
    detail: "Send a JSON object with Content-Type: application/json.",
  },
  unsupported_media_type: {
    status: 415,
    title: "Unsupported content type",
    detail: "Send JSON with Content-Type: application/json.",
  },
  payload_too_large: {
    status: 413,
    title: "The request is too large",
    detail: "Requests are limited to 1 MiB. Send less data at once.",
  },
  bad_url: {
    status: 400,
    title: "The address is not valid",
    detail:
      "The address has a broken %-escape. Check the link, or go back and open the page again.",
  },
  method_not_allowed: {
    status: 405,
    title: "Method not allowed",
    detail:
      "This address does not accept this kind of request. The Allow header lists those it does.",
  },
  uri_too_long: {
    status: 414,
    title: "The address is too long",
    detail: "The address of this request is too long. Send the data in the request body instead.",
  },
  headers_too_large: {
    status: 431,
    title: "The request headers are too large",
    detail:
      "The request's headers (cookies included) are too large. Clear this site's cookies and sign in again.",
  },
  bad_request: {
    status: 400,
    title: "The request could not be read",
    detail:
      "The request is not valid HTTP. Try again; if it keeps happening, tell your administrator.",
  },
  not_signed_in: {
    status: 401,
    title: "Not signed in",
    detail: "Your session has ended or you have not signed in. Sign in to continue.",
  },
  invalid_credentials: {
    status: 401,
    title: "Wrong username or password",
    detail: "The username or password is not right. Check both and try again.",
  },
  second_factor_required: {
    status: 401,
    title: "Enter your authentication code",
    detail:
      "This account uses two-factor sign-in. Enter the 6-digit code from your authenticator app.",
  },
  invalid_second_factor: {
    status: 401,
    title: "Wrong authentication code",
    detail: "That code is not valid. Codes change every 30 seconds; enter the current one.",
  },
  too_many_attempts: {
    status: 429,
    title: "Too many sign-in attempts",
    detail: "Too many sign-in attempts. Wait a few minutes, then try again.",
  },
  csrf_failed: {
    status: 403,
    title: "Request not accepted",
    detail: "This request did not carry a valid security token. Reload the page and try again.",
  },
  password_change_required: {
    status: 403,
    title: "Change your password first",
    detail: "You signed in with a one-time password. Choose a new password to continue.",
  },
  second_factor_setup_required: {
    status: 403,
    title: "Two-factor sign-in required",
    detail:
      "This operation requires two-factor sign-in. Set it up under your account, then try again.",
  },
  forbidden: {
    status: 403,
    title: "Not allowed",
    detail: "Your role does not allow this. Ask the operation's administrator if you need it.",
  },
  wrong_password: {
    status: 403,
    title: "Current password is wrong",
    detail: "The current password you entered is not right. Try again.",
  },
  weak_password: {
    status: 400,
    title: "Choose a stronger password",
    detail: "Use at least 12 characters, and not your username.",
  },
  not_found: {
    status: 404,
    title: "Not found",
    detail: "Nothing exists at this address, or you do not have access to it.",
  },
  conflict: {
    status: 409,
    title: "Already exists",
    detail: "Something with these details already exists.",
  },
  totp_not_started: {
    status: 409,
    title: "Two-factor set-up not started",
    detail: "Start the two-factor set-up first, then enter the code it shows.",
  },
  venue_not_authorized: {
    status: 403,
    title: "Venue not authorized",
    detail: "This venue is not among the venues the operation's authorization permits.",
  },
  authorization_not_started: {
    status: 403,
    title: "Authorization not yet in force",
    detail: "The operation's authorization has not started; the persona cannot go present yet.",
  },
  authorization_expired: {
    status: 403,
    title: "Authorization has ended",
    detail:
      "The operation's authorization window has closed; record a renewed authorization to continue.",
  },
  conversation_closed: {
    status: 409,
    title: "Conversation is closed",
    detail: "This conversation was broken off or purged; nothing more can be sent in it.",
  },
  venue_not_connected: {
    status: 409,
    title: "Not present in this venue",
    detail:
      "The persona is not present in this conversation's venue on this server. Go present in the venue first.",
  },
  connector_failed: {
    status: 502,
    title: "The chat network refused the message",
    detail: "The message could not be sent, so it was not recorded. Wait a moment and try again.",
  },
  same_person_review: {
    status: 403,
    title: "A second person must review",
    detail: "You handled this conversation, so another supervisor must confirm or reject it.",
  },
  not_proposed: {
    status: 409,
    title: "Not awaiting review",
    detail: "This conversation is not proposed, or it was already reviewed.",
  },
  exposure_budget_exceeded: {
    status: 403,
    title: "Daily exposure budget reached",
    detail:
      "You have reached today's exposure budget. Ask a supervisor for an override, or take a break.",
  },
  reveal_required: {
    status: 403,
    title: "Reveal it first",
    detail:
      "This picture stays hidden until you choose to reveal it. Choose Reveal; each reveal counts against today's exposure budget.",
  },
  training_only: {
    status: 409,
    title: "Training counterparts are for training only",
    detail:
      "Synthetic counterparts can only be sent into a training operation, never into a real one.",
  },
  capture_rejected: {
    status: 400,
    title: "Capture not accepted",
    detail: "Captures must be a PNG, JPEG, WebP image or a WebM or MP4 clip of at most 5 MiB.",
  },
  persona_inconsistent: {
    status: 409,
    title: "The message contradicts the persona",
    detail:
      "This message contradicts what the persona is declared to be. Edit it, or send it anyway if you mean it.",
  },
  operation_closed: {
    status: 409,
    title: "The operation is closed",
    detail: "This operation was closed; nothing more can be done in it. Open a new operation.",
  },
  store_locked: {
    status: 409,
    title: "The store is in use",
    detail: "Another Sweetie process holds this data directory. Stop it first, then try again.",
  },
  finding_file_rejected: {
    status: 400,
    title: "File not accepted",
    detail:
      "Findings accept a PNG, JPEG, PDF, HTML or MHTML file of at most 50 MiB. Nothing was stored.",
  },
  finding_file_too_large: {
    status: 413,
    title: "The file is too large",
    detail: "A finding's file may be at most 50 MiB. Save a smaller capture and upload that.",
  },
  own_claim_sign_off: {
    status: 403,
    title: "Another person must sign off",
    detail: "You wrote this claim, so another supervisor must sign it off.",
  },
  already_retracted: {
    status: 409,
    title: "Already retracted",
    detail: "This was already retracted; the retraction stays on the record.",
  },
  merge_not_possible: {
    status: 409,
    title: "These subjects cannot be merged",
    detail: "Only two different subjects of this operation that stand on their own can be merged.",
  },
  agency_not_found: {
    status: 404,
    title: "No such agency",
    detail: "That agency is not in the registry. Reload the page and choose one from the list.",
  },
  agency_exists: {
    status: 409,
    title: "The agency is already registered",
    detail:
      "An agency with this country, name and unit is already in the registry. Edit that one instead.",
  },
  referral_not_found: {
    status: 404,
    title: "No such referral",
    detail:
      "No referral with this id is available in this operation. Go back to the referrals list.",
  },
  referral_step_not_allowed: {
    status: 409,
    title: "This step cannot be taken now",
    detail:
      "The referral is not at the stage this step needs. Reload the page to see where it stands.",
  },
  referral_not_ready: {
    status: 409,
    title: "The referral cannot be released yet",
    detail: "Fix what the preview lists, then release it.",
  },
  disclosure_not_found: {
    status: 404,
    title: "No such disclosure export",
    detail:
      "No disclosure export with this id is available in this operation. Start a new export from the conversation or the subject.",
  },
  disclosure_not_ready: {
    status: 409,
    title: "The disclosure package is not ready",
    detail:
      "This export has not finished building, or it failed. Wait for it to finish, or start the export again.",
  },
  disclosure_nothing_to_export: {
    status: 409,
    title: "There is nothing to disclose yet",
    detail:
      "This has no evidence in the ledger yet (no conversation, or its record was purged). Nothing can be exported.",
  },
  disclosure_busy: {
    status: 503,
    title: "Too many exports are being built",
    detail:
      "The server is already building several disclosure packages. Try again in a few minutes.",
  },
  four_eyes_release: {
    status: 403,
    title: "A second person must release this referral",
    detail:
      "You built this referral, so you cannot release it yourself. Ask a supervisor who did not build it to release it.",
  },
  cosignature_rejected: {
    status: 422,
    title: "The cosignature does not check out",
    detail: "The cosignature could not be verified. Paste the agency's output again, unchanged.",
  },
  cosignature_exists: {
    status: 409,
    title: "Already recorded",
    detail: "This agency's cosignature of this head is already recorded.",
  },
  head_not_found: {
    status: 404,
    title: "No such signed head",
    detail: "This operation has no signed head of that size. Reload the page.",
  },
  internal: {
    status: 500,
    title: "Something went wrong on our side",
    detail:
      "The server could not complete this request. Nothing was saved. Try again; if it keeps happening, tell your administrator.",
  },
} as const satisfies Record<string, { status: number; title: string; detail: string }>;

export type ErrorCode = keyof typeof errorRegistry;

export interface FieldError {
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly detail: string;
  readonly errors: FieldError[] | undefined;

  constructor(
    code: ErrorCode,
    options: { detail?: string; errors?: FieldError[]; cause?: unknown } = {},
  ) {
    const entry = errorRegistry[code];
    super(options.detail ?? entry.detail, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.status = entry.status;
    this.detail = options.detail ?? entry.detail;
    this.errors = options.errors;
  }
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors?: FieldError[];
}

export function toProblem(error: AppError): Problem {
  return {
    type: `https://sweetie.invalid/problems/${error.code}`,
    title: errorRegistry[error.code].title,
    status: error.status,
    detail: error.detail,
    code: error.code,
    ...(error.errors ? { errors: error.errors } : {}),
  };
}
