import { type Document, parseDocument, visit } from 'yaml';

/** PyYAML's YAML 1.1 booleans (yaml's 1.1 schema also takes y/n, which PyYAML leaves as strings). */
const PYYAML_BOOLEAN = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;

export interface ParsedYaml {
  readonly value?: unknown;
  /** The first syntax error: where and what. */
  readonly error?: { readonly line?: number; readonly col?: number; readonly message: string };
}

/**
 * Read a clouds.yaml as openstacksdk reads it (PyYAML's safe_load): YAML 1.1, merge keys
 * (`<<: *base`) and anchors, yes/no/on/off booleans. One deliberate difference: a plain number
 * (a 16-digit project name, 0123, 1.50) keeps the digits as written instead of becoming a
 * number, because every number glance-share reads from clouds.yaml is really a name or an ID.
 */
export function parseYaml(text: string): ParsedYaml {
  const doc: Document = parseDocument(text, { version: '1.1', merge: true, uniqueKeys: false, prettyErrors: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    return { error: { line: first.linePos?.[0].line, col: first.linePos?.[0].col, message: first.message.split('\n')[0] } };
  }
  visit(doc, {
    Scalar(_key, node) {
      const source = node.source;
      if (typeof source !== 'string') {
        return;
      }
      const value: unknown = node.value;
      if (typeof value === 'number' || typeof value === 'bigint' || value instanceof Date || (typeof value === 'boolean' && !PYYAML_BOOLEAN.test(source))) {
        node.value = source;
      }
    },
  });
  return { value: doc.toJS({ maxAliasCount: 1000 }) };
}
