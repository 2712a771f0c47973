// The shape of a language's problem messages (architecture §10): one function per code of
// src/domain/problems.ts, so a code without a message fails the typecheck, plus the words the
// messages share (what a "not found" is about, file kinds, field names).
import type { ProblemCode, ProblemFile, ProblemParams, ProblemRef, ProblemThing } from '../../domain/problems.ts';
import type { Lang } from '../../domain/taxonomy.ts';

/** Helpers a message uses to name things the way users do, in its language. */
export interface ProblemFormat {
  lang: Lang;
  /** A user's value in quotation marks: “x” / 「x」 / "x". */
  q: (value: unknown) => string;
  /** A number with the language's grouping. */
  n: (value: number, digits?: number) => string;
  /** Items joined: 、 in Chinese, ", " in English. */
  list: (items: readonly unknown[]) => string;
  district: (code: string | null | undefined) => string;
  category: (code: string) => string;
  progress: (code: string) => string;
  role: (role: string) => string;
  thing: (thing: ProblemThing) => string;
  file: (file: ProblemFile) => string;
  /** A field's name (import fields, request fields); the name itself when unknown. */
  field: (name: string) => string;
  metric: (code: string) => string;
  cluster: (code: string) => string;
  city: (code: string) => string;
  indicator: (code: string) => string;
  importKind: (kind: string) => string;
  crs: (code: string) => string;
  layer: (code: string) => string;
  /** A warning rule's parameter (tolerance, percent, annualRevenue). */
  ruleParam: (name: string) => string;
  /** A kind of change the city reviews (category, pilot, completion). */
  reviewKind: (kind: string) => string;
  /** Yuan, the way the interface shows money (万元 / 亿元). */
  yuan: (value: number) => string;
  /** A server timestamp in Guangzhou time. */
  dateTime: (iso: string) => string;
  /** A nested problem (the cause of a bulk row's failure), rendered in the same language. */
  nested: (ref: ProblemRef) => string;
}

export type ProblemMessages = { readonly [C in ProblemCode]: (p: ProblemParams<C>, f: ProblemFormat) => string };

export interface ProblemCatalogue {
  messages: ProblemMessages;
  things: Readonly<Record<ProblemThing, string>>;
  files: Readonly<Record<ProblemFile, string>>;
  /** Names of import fields and request fields. */
  fields: Readonly<Record<string, string>>;
  layers: Readonly<Record<string, string>>;
  /** Where an import issue is: "第 5 行" / "Row 5"; row 0 is the whole file. */
  row: (row: number) => string;
  wholeFile: string;
  /** "信用代码（列“统一社会信用代码”）" / 'credit code (column "…")'. */
  fieldInColumn: (field: string, header: string) => string;
  /** Between the place and the message: "：" / ": ". */
  colon: string;
  /** Between two sentences or items of a list of problems. */
  separator: string;
  quote: (value: string) => string;
  listSeparator: string;
}
