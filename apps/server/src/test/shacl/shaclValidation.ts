import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { DatasetCore, Quad, Term } from "@rdfjs/types";
import jsonld from "jsonld";
import { DataFactory, Parser } from "n3";
import rdf from "rdf-ext";
import { Validator, type ValidationResult } from "shacl-engine";
import { targetResolvers } from "shacl-engine/sparql.js";
import { sparqlValidations } from "./sparqlConstraints";

// Offline SHACL validation of a JSON-LD document against the CASE/UCO 1.4.0 and CAC 3.0.0
// shapes carried in apps/server/ontology (see its NOTICE.md), with SPARQL constraints on:
// - shacl-engine finds subclasses in the shapes graph and UCO's SPARQL constraints walk
//   rdfs:subClassOf in the data graph, so the ontology goes into both;
// - validation-deactivations.ttl switches off UCO's ontology self-checks and one faulty CAC shape;
// - CAC's SPARQL constraints use prefixes they never declare, so every file's prefixes are
//   prepended to every query (a query's own PREFIX lines come later and win).
// No network: the JSON-LD carries its context inline and the loader refuses every URL.

export const ONTOLOGY_DIR = join(import.meta.dirname, "../../../ontology");

const SH_SELECT = "http://www.w3.org/ns/shacl#select";
const SUBCLASS_OF = "http://www.w3.org/2000/01/rdf-schema#subClassOf";
const RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

export interface Violation {
  severity: string;
  focusNode: string;
  path: string;
  message: string;
  shape: string;
}

interface Shapes {
  validator: Validator;
  ontology: Quad[];
}

let loaded: Promise<Shapes> | null = null;

/** The shapes and the ontology, parsed once per test file. */
export function loadShapes(): Promise<Shapes> {
  loaded ??= (async () => {
    const files = (await readdir(ONTOLOGY_DIR)).filter((f) => f.endsWith(".ttl")).sort();
    const prefixes = new Map<string, string>();
    const shapesQuads: Quad[] = [];
    const ontology: Quad[] = [];
    for (const file of files) {
      const text = await readFile(join(ONTOLOGY_DIR, file), "utf8");
      const quads = new Parser({ baseIRI: `file:///ontology/${file}` }).parse(
        text,
        null,
        (prefix, iri) => {
          if (!prefixes.has(prefix)) prefixes.set(prefix, iri.value);
        },
      );
      shapesQuads.push(...quads);
      if (file !== "validation-deactivations.ttl") ontology.push(...quads);
    }
    const header = [...prefixes].map(([p, iri]) => `PREFIX ${p}: <${iri}>`).join("\n");
    const shapes = rdf.dataset(
      shapesQuads.map((q) =>
        q.predicate.value === SH_SELECT && q.object.termType === "Literal"
          ? DataFactory.quad(
              q.subject,
              q.predicate,
              DataFactory.literal(`${header}\n${q.object.value}`),
              q.graph,
            )
          : q,
      ),
    );
    const validator = new Validator(shapes, {
      factory: rdf,
      validations: sparqlValidations,
      targetResolvers,
    });
    return { validator, ontology };
  })();
  return loaded;
}

/** A JSON-LD document as quads, without touching the network. */
export async function jsonldQuads(document: object): Promise<Quad[]> {
  const nquads = (await jsonld.toRDF(document as jsonld.JsonLdDocument, {
    format: "application/n-quads",
    documentLoader: (url: string) => {
      throw new Error(`refusing to fetch ${url}: the referral's context must be inline`);
    },
  })) as unknown as string;
  return new Parser({ format: "application/n-quads" }).parse(nquads);
}

/**
 * The ontology's rdfs:subClassOf statements above every class the document uses: what the SPARQL
 * constraints walk ($this a/rdfs:subClassOf* core:UcoThing) to find a node's classes. Walking the
 * whole ontology's hierarchy instead gives the same answers, but each such query then took
 * ~0.2 s and the validation half a minute.
 */
export function superclassChains(ontology: readonly Quad[], data: readonly Quad[]): Quad[] {
  const up = new Map<string, Quad[]>();
  for (const q of ontology) {
    if (q.predicate.value !== SUBCLASS_OF) continue;
    up.set(q.subject.value, [...(up.get(q.subject.value) ?? []), q]);
  }
  const seen = new Set<string>();
  const todo = data.filter((q) => q.predicate.value === RDF_TYPE).map((q) => q.object.value);
  const out: Quad[] = [];
  while (todo.length > 0) {
    const cls = todo.pop()!;
    if (seen.has(cls)) continue;
    seen.add(cls);
    for (const q of up.get(cls) ?? []) {
      out.push(q);
      todo.push(q.object.value);
    }
  }
  return out;
}

const show = (term: Term | undefined | null) => (term ? term.value : "—");

function describe(result: ValidationResult): Violation {
  const shape = result.shape?.ptr.term;
  return {
    severity: show(result.severity).replace("http://www.w3.org/ns/shacl#", ""),
    focusNode: show(result.focusNode?.term),
    path: (result.path ?? []).map((step) => step.predicates.map(show).join("|")).join("/"),
    message: result.message.map((m) => m.value).join(" ") || show(result.constraintComponent),
    shape: shape && shape.termType === "NamedNode" ? shape.value : "(an inline shape)",
  };
}

/** Every result (violation, warning or info) of validating the document. */
export async function validateJsonld(document: object): Promise<Violation[]> {
  const { validator, ontology } = await loadShapes();
  const quads = await jsonldQuads(document);
  const data: DatasetCore = rdf.dataset([...superclassChains(ontology, quads), ...quads]);
  const report = await validator.validate({ dataset: data });
  return report.results.map(describe);
}

/** One line per result, for a failure message. */
export function violationLines(violations: readonly Violation[]): string {
  return violations
    .map((v) => `${v.severity}: ${v.focusNode} ${v.path || "(node)"}: ${v.message} [${v.shape}]`)
    .join("\n");
}
