import { PathSegment } from './url-pattern';

/** A node of the path trie of one host pattern; `value` is set where a key's path ends. */
export interface PathTrie<T> {
  value?: T;
  literal?: Map<string, PathTrie<T>>;
  star?: PathTrie<T>;
  globstar?: PathTrie<T>;
}

/** Adds a key's segments to the trie and returns the node where the key ends. */
export function insertPath<T>(root: PathTrie<T>, segments: readonly PathSegment[]): PathTrie<T> {
  let node = root;
  for (const segment of segments) {
    if (segment.kind === 'literal') {
      node.literal ??= new Map();
      let next = node.literal.get(segment.text);
      if (!next) node.literal.set(segment.text, (next = {}));
      node = next;
    } else {
      node = node[segment.kind] ??= {};
    }
  }
  return node;
}

/**
 * Pushes onto `out` the value of every key whose path covers `segments` (a key covers its own path
 * and everything below it). A value may be pushed more than once when `**` matches several ways.
 */
export function collectPathMatches<T>(node: PathTrie<T>, segments: readonly string[], index: number, out: T[]): void {
  if (node.value !== undefined) out.push(node.value);
  if (index < segments.length) {
    const segment = segments[index];
    const literal = node.literal?.get(segment);
    if (literal) collectPathMatches(literal, segments, index + 1, out);
    if (node.star && segment !== '') collectPathMatches(node.star, segments, index + 1, out);
  }
  if (node.globstar) {
    for (let next = index; next <= segments.length; next++) collectPathMatches(node.globstar, segments, next, out);
  }
}

const KIND_ORDER = { literal: 0, star: 1, globstar: 2 } as const;

/**
 * Orders two keys of the same host by specificity (rule 6): compared segment by segment from the
 * left, a literal beats `*`, which beats `**`; a key beats its own prefix. Negative when `a` wins.
 */
export function comparePaths(a: readonly PathSegment[], b: readonly PathSegment[]): number {
  const shared = Math.min(a.length, b.length);
  for (let i = 0; i < shared; i++) {
    const order = KIND_ORDER[a[i].kind] - KIND_ORDER[b[i].kind];
    if (order !== 0) return order;
  }
  return b.length - a.length;
}
