import { createRequire } from "node:module";

// Offline IP → country through the data shipped in the geoip-country package (GeoLite2 Country,
// no network). Every answer carries the date of the database it came from.

const require = createRequire(import.meta.url);

interface GeoipCountry {
  lookup(ip: string): { country: string } | null;
}

let geoip: GeoipCountry | undefined;

/** The database's date (YYYY-MM-DD), from the package version (5.0.YYYYMMDDhhmm). */
export const GEOIP_DATABASE_DATE: string = (() => {
  const { version } = require("geoip-country/package.json") as { version: string };
  const stamp = /\.(\d{4})(\d{2})(\d{2})\d*$/u.exec(version);
  return stamp ? `${stamp[1]}-${stamp[2]}-${stamp[3]}` : `version ${version}`;
})();

/** The country an IP address is registered in, or null (private, unknown). */
export function ipCountry(ip: string): { country: string; databaseDate: string } | null {
  // Loaded on first use: the data files take a moment to read.
  geoip ??= require("geoip-country") as GeoipCountry;
  const found = geoip.lookup(ip);
  return found?.country ? { country: found.country, databaseDate: GEOIP_DATABASE_DATE } : null;
}
