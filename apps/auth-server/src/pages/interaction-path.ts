/** The path of an interaction step; the uid is percent-encoded so it cannot leave `/interaction/<uid>/`. */
export function interactionPath(uid: string, step: 'login' | 'confirm' | 'abort'): string {
  return `/interaction/${encodeURIComponent(uid)}/${step}`;
}
