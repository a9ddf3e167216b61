// The few parts of rdf-ext and shacl-engine the offline SHACL check uses (neither ships types).
declare module "rdf-ext" {
  import type { DataFactory, DatasetCore, Quad, Variable } from "@rdfjs/types";
  interface Environment extends DataFactory {
    variable(value: string): Variable;
    dataset(quads?: Iterable<Quad>): DatasetCore & Iterable<Quad>;
  }
  const rdf: Environment;
  export default rdf;
}

declare module "shacl-engine" {
  import type { DataFactory, DatasetCore, Term } from "@rdfjs/types";
  export interface ValidationResult {
    severity: Term;
    focusNode?: { term: Term };
    path?: { predicates: Term[] }[] | null;
    message: Term[];
    shape?: { ptr: { term: Term } };
    constraintComponent?: Term;
    value?: { term: Term } | null;
  }
  export interface ValidationReport {
    conforms: boolean;
    results: ValidationResult[];
  }
  export class Validator {
    constructor(
      shapes: DatasetCore,
      options: {
        factory: DataFactory & { dataset(): DatasetCore };
        validations?: Map<Term, unknown>;
        targetResolvers?: Map<Term, unknown>;
      },
    );
    validate(data: { dataset: DatasetCore }): Promise<ValidationReport>;
  }
}

declare module "shacl-engine/sparql.js" {
  import type { Term } from "@rdfjs/types";
  export const validations: Map<Term, unknown>;
  export const targetResolvers: Map<Term, unknown>;
}
