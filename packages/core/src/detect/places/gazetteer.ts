/**
 * Place names for `id.location`, built from maintained data packages rather than a hand-typed
 * list: `city-timezones` (about 7,300 cities with their province and country, 1.9 MB of JSON)
 * and `i18n-iso-countries` (English country names and their common aliases, 7 KB).
 *
 * The data is loaded lazily with dynamic `import()` so a browser bundle puts it in a chunk of its
 * own and only fetches it when the console asks for place detection. Until `loadPlaceIndex()` has
 * resolved, the detector simply does not report places.
 */

export interface Place {
  /** The name as the data spells it ("Toronto", "Philippines"). */
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  kind: "city" | "region" | "country";
}

export interface PlaceIndex {
  /** Look up a normalized key: lower case, no apostrophes, single spaces. */
  get(key: string): Place | undefined;
  /** The most words any key has, to bound the longest-match search. */
  readonly maxWords: number;
  readonly size: number;
}

export interface CityRecord {
  city: string;
  city_ascii: string;
  iso2: string;
  province?: string;
  pop?: number;
}

export type CountryNames = Record<string, string | readonly string[]>;

/**
 * Names that are places in the data but ordinary words in chat ("from reading your profile",
 * "be nice"): never taken as places. Found by intersecting the gazetteer with common chat words.
 */
const NOT_PLACES = new Set([
  "man",
  "nice",
  "young",
  "mobile",
  "reading",
  "bath",
  "split",
  "male",
  "orange",
  "independence",
  "enterprise",
  "progress",
  "sale",
  "deal",
  "best",
  "hope",
  "central",
  "north",
  "south",
  "east",
  "west",
  "mission",
  "home",
  "school",
  "bed",
  "work",
  "here",
  "there",
  "love",
  "cam",
  "city",
  "union",
  "of",
  "the",
  "us",
  "ok",
  "la",
]);

/** Informal country names people type that the ISO data does not list. */
const EXTRA_COUNTRY_ALIASES: ReadonlyArray<readonly [string, string]> = [
  ["england", "GB"],
  ["scotland", "GB"],
  ["wales", "GB"],
  ["northern ireland", "GB"],
  ["britain", "GB"],
  ["holland", "NL"],
  ["america", "US"],
  ["the states", "US"],
  ["pinas", "PH"],
  ["ph", "PH"],
  ["korea", "KR"],
  ["dubai", "AE"],
];

/**
 * Philippine places the city data lacks (it lists 38 cities for the country and none of Metro
 * Manila's but Manila, Quezon City and Pasay). Operations run personas located there, so these
 * come up in chats more than their size suggests. Plain ASCII spellings, as people type them.
 */
const EXTRA_PH_PLACES: ReadonlyArray<readonly [string, Place["kind"]]> = [
  ...(
    [
      "makati",
      "makati city",
      "taguig",
      "pasig",
      "mandaluyong",
      "marikina",
      "paranaque",
      "las pinas",
      "muntinlupa",
      "caloocan",
      "malabon",
      "navotas",
      "valenzuela",
      "pasay",
      "baguio",
      "antipolo",
      "bacoor",
      "dasmarinas",
      "imus",
      "calamba",
      "malolos",
      "tagaytay",
      "mandaue",
      "lapu-lapu",
      "dumaguete",
      "cebu city",
      "davao city",
      "iloilo city",
      "bacolod city",
      "zamboanga city",
    ] as const
  ).map((name) => [name, "city"] as const),
  ...(
    ["metro manila", "cavite", "bulacan", "rizal", "bohol", "luzon", "visayas", "mindanao"] as const
  ).map((name) => [name, "region"] as const),
];

export function placeKey(name: string): string {
  return name.toLowerCase().replace(/['’.]/g, "").replace(/\s+/g, " ").trim();
}

export function buildPlaceIndex(
  cities: readonly CityRecord[],
  countries: CountryNames,
): PlaceIndex {
  const map = new Map<string, Place>();
  let maxWords = 1;
  const add = (name: string, place: Place, overwrite: boolean): void => {
    const key = placeKey(name);
    if (key.length < 2 || NOT_PLACES.has(key)) return;
    if (!overwrite && map.has(key)) return;
    map.set(key, place);
    maxWords = Math.max(maxWords, key.split(" ").length);
  };
  for (const [code, names] of Object.entries(countries)) {
    const list = typeof names === "string" ? [names] : names;
    const canonical = list[0] ?? code;
    for (const n of list)
      add(n, { name: n.length <= 3 ? canonical : n, country: code, kind: "country" }, true);
  }
  for (const [alias, code] of EXTRA_COUNTRY_ALIASES)
    add(alias, { name: alias, country: code, kind: "country" }, true);
  // Bigger cities first, so a name shared by several cities means the best-known one.
  const byPopulation = [...cities].sort((a, b) => (b.pop ?? 0) - (a.pop ?? 0));
  for (const c of byPopulation) {
    const place: Place = { name: c.city, country: c.iso2, kind: "city" };
    add(c.city, place, false);
    if (c.city_ascii !== c.city && c.city_ascii.length >= c.city.length - 1)
      add(c.city_ascii, place, false);
  }
  for (const c of byPopulation) {
    if (c.province && c.province.length >= 4)
      add(c.province, { name: c.province, country: c.iso2, kind: "region" }, false);
  }
  for (const [name, kind] of EXTRA_PH_PLACES) add(name, { name, country: "PH", kind }, false);
  return { get: (key) => map.get(key), maxWords, size: map.size };
}

let loaded: PlaceIndex | undefined;
let loading: Promise<PlaceIndex> | undefined;

/** The index once `loadPlaceIndex()` has resolved, else undefined. */
export function loadedPlaceIndex(): PlaceIndex | undefined {
  return loaded;
}

/** Load the gazetteer data (once) and build the index. */
export function loadPlaceIndex(): Promise<PlaceIndex> {
  loading ??= (async () => {
    const [cityModule, countryModule] = await Promise.all([
      import("city-timezones/data/cityMap.json", { with: { type: "json" } }),
      import("i18n-iso-countries/langs/en.json", { with: { type: "json" } }),
    ]);
    const cities = cityModule.default as readonly CityRecord[];
    const countries = (countryModule.default as { countries: CountryNames }).countries;
    loaded = buildPlaceIndex(cities, countries);
    return loaded;
  })();
  return loading;
}
