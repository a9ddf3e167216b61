import { Readable } from "node:stream";
import type { Bindings } from "@comunica/types";
import { QueryEngine } from "@comunica/query-sparql-rdfjs-lite";
import { BindingsFactory } from "@comunica/utils-bindings-factory";
import type { DataFactory, DatasetCore, Term } from "@rdfjs/types";
import rdf from "rdf-ext";

// SHACL-SPARQL constraints (sh:sparql with sh:select) for shacl-engine, run on ONE query engine.
// shacl-engine's own plugin builds a new engine for every query of every focus node (~0.2 s
// each here), which made one validation of a small referral take a minute; the semantics are
// the same: $this pre-bound to the focus node, one result per solution row, $value and $path
// taken from the row when it binds them.

const SH = "http://www.w3.org/ns/shacl#";
const term = (local: string) => rdf.namedNode(`${SH}${local}`);

interface Pointer {
  term: Term;
  terms: Term[];
  value: string | undefined;
  dataset: DatasetCore;
  out(predicates: Term[]): Pointer;
  node(terms: Term[]): Pointer;
  [Symbol.iterator](): Iterator<Pointer>;
}

interface ShapeLike {
  ptr: Pointer;
}

interface ContextLike {
  factory: DataFactory;
  focusNode: Pointer;
  violation(component: Term, details: Record<string, unknown>): void;
}

const engine = new QueryEngine();

function source(dataset: DatasetCore) {
  return {
    match: (s?: Term | null, p?: Term | null, o?: Term | null, g?: Term | null) =>
      Readable.from([
        ...dataset.match(
          s as Parameters<DatasetCore["match"]>[0],
          p as Parameters<DatasetCore["match"]>[1],
          o as Parameters<DatasetCore["match"]>[2],
          g as Parameters<DatasetCore["match"]>[3],
        ),
      ]),
  };
}

/**
 * Pre-binds $this to an IRI by writing it into the query's WHERE clause: the engine then walks
 * `<iri> a/rdfs:subClassOf* core:UcoThing` from one node instead of joining the whole path with
 * the binding afterwards (~100 times faster here). The projection keeps $this (unbound there).
 */
function substituteThis(query: string, iri: string): string {
  const where = query.search(/\bWHERE\b/i);
  if (where < 0) return query;
  return query.slice(0, where) + query.slice(where).replace(/\$this\b/g, `<${iri}>`);
}

function compileSparql(shape: ShapeLike) {
  const constraints = [...shape.ptr.out([term("sparql")])].filter(
    (c) => c.out([term("deactivated")]).value !== "true",
  );
  const checks = constraints.map((constraint) => ({
    query: constraint.out([term("select")]).value ?? "",
    message: constraint.out([term("message")]).terms,
    source: constraint.terms,
  }));
  if (checks.every((c) => !c.query)) return null;
  return {
    generic: async (context: ContextLike) => {
      const bindingsFactory = new BindingsFactory(context.factory as never);
      for (const check of checks) {
        if (!check.query) continue;
        const focus = context.focusNode.term;
        const stream = await engine.queryBindings(
          focus.termType === "NamedNode" ? substituteThis(check.query, focus.value) : check.query,
          {
            sources: [source(context.focusNode.dataset) as never],
            initialBindings: bindingsFactory.bindings([
              [rdf.variable("this"), focus as never],
            ]) as unknown as Bindings,
          },
        );
        for (const row of await stream.toArray()) {
          const value = row.get("value") ?? context.focusNode.term;
          context.violation(term("SPARQLConstraintComponent"), {
            args: Object.fromEntries([...row].map(([k, v]) => [k.value, v])),
            message: check.message,
            source: check.source,
            value: context.focusNode.node([value]),
          });
        }
      }
    },
  };
}

export const sparqlValidations = new Map([[term("sparql"), compileSparql]]);
