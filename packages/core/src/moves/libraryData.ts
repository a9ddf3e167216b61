import type { SafeMoveLibraryData } from "./types";

/**
 * The reviewed safe-move library. Changing any character changes the library version recorded
 * with every message sent from it, so an edit here is a new reviewed edition: bump `edition`.
 */
export const SAFE_MOVE_LIBRARY_DATA: SafeMoveLibraryData = {
  edition: 1,
  moves: [
    {
      id: "greeting",
      kind: "greeting",
      hotkey: "1",
      label: "Greeting",
      variants: { en: "hi", taglish: "hello po" },
      breaksOff: false,
      triggersFault: false,
      deterOnly: false,
    },
    {
      id: "age_statement",
      kind: "age_statement",
      hotkey: "2",
      label: "Age statement",
      variants: { en: "im {age}", taglish: "{age} years old po ako" },
      breaksOff: false,
      triggersFault: false,
      deterOnly: false,
    },
    {
      id: "deflection",
      kind: "deflection",
      hotkey: "3",
      label: "Deflect",
      variants: { en: "idk", taglish: "ewan ko po" },
      breaksOff: false,
      triggersFault: false,
      deterOnly: false,
    },
    {
      id: "say_again",
      kind: "repeat_request",
      hotkey: "4",
      label: "Say that again",
      variants: { en: "what? say again", taglish: "ano po ulit?" },
      breaksOff: false,
      triggersFault: false,
      deterOnly: false,
    },
    {
      id: "technical_break_off",
      kind: "technical_break_off",
      hotkey: "5",
      label: "Technical problem (break off)",
      variants: { en: "my internet is bad brb", taglish: "nawawala net ko po brb" },
      breaksOff: true,
      triggersFault: true,
      deterOnly: false,
    },
    {
      id: "warning_notice",
      kind: "warning_notice",
      hotkey: "6",
      label: "Warning notice (deter)",
      variants: {
        en: "This chat is monitored by a child-protection operation. Seeking sexual contact with a child is a crime. Your messages have been recorded.",
        taglish:
          "Ang chat na ito ay binabantayan ng isang child-protection operation. Krimen ang paghahanap ng sekswal na kontak sa isang bata. Naitala ang iyong mga mensahe.",
      },
      breaksOff: true,
      triggersFault: false,
      deterOnly: true,
    },
  ],
};
