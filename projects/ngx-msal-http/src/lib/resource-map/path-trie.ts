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
 * Calls `visit` with the value of every key whose path covers `segments` (a key covers its own
 * path and everything below it), and with where that key's literal and `*` segments matched:
 * `positions[i]` is the index in `segments` of the key's i-th non-`**` segment. `positions` is
 * reused as the walk goes on; copy it to keep it. A value may be visited more than once when `**`
 * matches several ways.
 */
export function collectPathMatches<T>(
  node: PathTrie<T>,
  segments: readonly string[],
  index: number,
  visit: (value: T, positions: readonly number[]) => void,
  positions: number[] = [],
): void {
  if (node.value !== undefined) visit(node.value, positions);
  if (index < segments.length) {
    const segment = segments[index];
    const literal = node.literal?.get(segment);
    positions.push(index);
    if (literal) collectPathMatches(literal, segments, index + 1, visit, positions);
    if (node.star && segment !== '') collectPathMatches(node.star, segments, index + 1, visit, positions);
    positions.pop();
  }
  if (node.globstar) {
    for (let next = index; next <= segments.length; next++) collectPathMatches(node.globstar, segments, next, visit, positions);
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

/**
 * Breaks a tie between two equally specific keys (same segment kinds, so the same number of
 * positions) for one request: the key whose last segment matched further right wins, then its
 * second-to-last, and so on. Positive when `a` wins. Two distinct keys never compare equal: equal
 * positions would mean equal literals, and duplicate keys are rejected at startup.
 */
export function compareAlignments(a: readonly number[], b: readonly number[]): number {
  for (let i = a.length - 1; i >= 0; i--) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}
