import { geoNaturalEarth1, geoPath } from "d3-geo";
import { numericToAlpha2 } from "i18n-iso-countries";
import { useMemo } from "react";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import countriesTopology from "world-atlas/countries-110m.json";

const WIDTH = 960;
const HEIGHT = 500;
const regionNames = new Intl.DisplayNames(["en"], { type: "region" });

/** A country's English name from its ISO alpha-2 code. */
export function countryName(code: string): string {
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
}

// world-atlas names countries by ISO 3166-1 numeric code; subjects carry alpha-2.
const shapes = (() => {
  const topology = countriesTopology as unknown as Topology<{ countries: GeometryCollection }>;
  const collection = feature(topology, topology.objects.countries);
  const projection = geoNaturalEarth1().fitSize([WIDTH, HEIGHT], collection);
  const path = geoPath(projection);
  return collection.features.map((country) => ({
    alpha2: country.id !== undefined ? (numericToAlpha2(String(country.id)) ?? null) : null,
    d: path(country) ?? "",
    centroid: path.centroid(country),
  }));
})();

/**
 * Subjects by country on a world map, drawn offline from Natural Earth shapes. Countries with
 * subjects are shaded by count and hatched, and carry their number, so the map reads without
 * colour; the list beside it says the same in words.
 */
export function WorldMap({ counts }: { counts: { country: string; count: number }[] }) {
  const byCountry = useMemo(() => new Map(counts.map((row) => [row.country, row.count])), [counts]);
  const max = Math.max(1, ...counts.map((row) => row.count));
  return (
    <svg
      className="world-map"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={
        counts.length === 0
          ? "World map: no subject has a confirmed country yet"
          : `World map of subjects: ${counts.map((row) => `${countryName(row.country)} ${row.count}`).join(", ")}`
      }
    >
      <defs>
        <pattern
          id="map-hatch"
          width="6"
          height="6"
          patternUnits="userSpaceOnUse"
          patternTransform="rotate(45)"
        >
          <line
            x1="0"
            y1="0"
            x2="0"
            y2="6"
            stroke="#ffffff"
            strokeWidth="1.5"
            strokeOpacity="0.7"
          />
        </pattern>
      </defs>
      {shapes.map((shape, index) => {
        const count = shape.alpha2 ? (byCountry.get(shape.alpha2) ?? 0) : 0;
        if (count === 0) return <path key={index} d={shape.d} className="map-country" />;
        const shade = 0.35 + 0.65 * (count / max);
        return (
          <g key={index}>
            <path d={shape.d} className="map-country map-country-subjects" fillOpacity={shade} />
            <path d={shape.d} fill="url(#map-hatch)" stroke="none" />
          </g>
        );
      })}
      {shapes.map((shape, index) => {
        const count = shape.alpha2 ? (byCountry.get(shape.alpha2) ?? 0) : 0;
        if (count === 0 || !Number.isFinite(shape.centroid[0])) return null;
        return (
          <g key={`label-${index}`} className="map-label">
            <circle cx={shape.centroid[0]} cy={shape.centroid[1]} r="11" />
            <text x={shape.centroid[0]} y={shape.centroid[1]} dy="0.35em" textAnchor="middle">
              {count}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
