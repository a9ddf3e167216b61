// The identification workspace's pure domain: entities, normalization, claims and their
// grading, merge suggestions, deconfliction pointers and country attribution.
export * from "./entities";
export * from "./normalize";
export * from "./admiralty";
export * from "./claims";
export * from "./mergeSuggestions";
export * from "./deconfliction";
export * from "./imageSimilarity";
export * from "./countryAttribution";
