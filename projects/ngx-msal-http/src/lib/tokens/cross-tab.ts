import { InjectionToken } from '@angular/core';

/**
 * What `withCrossTabSync()` adds to the token engine; `null` (the default) keeps every tab on its
 * own. The core reads it and never builds it, so an app without the feature does not ship it.
 */
export interface CrossTabSync {
  /** Held around an account's silent calls (SilentCaller). */
  readonly locks: LockManager;
  /**
   * Runs `popup` while this tab holds the app's interaction lock; when another tab holds it, waits
   * for that tab (through `bound`, which adds the interaction timeout) and rejects with
   * {@link OTHER_TAB}.
   */
  interaction<T>(
    clientId: string,
    popup: () => Promise<T>,
    bound: (released: Promise<unknown>, cleanup: () => void) => Promise<unknown>,
  ): Promise<T>;
}

/** The cross-tab coordination `withCrossTabSync()` provides; `null` without it or without Web Locks. */
export const CROSS_TAB_SYNC = new InjectionToken<CrossTabSync | null>(ngDevMode ? 'CROSS_TAB_SYNC' : '', {
  providedIn: 'root',
  factory: () => null,
});

/** Rejection of a popup turn that waited for another tab's popup instead of opening one. */
export const OTHER_TAB: unknown = Object.freeze({ otherTab: true });

/**
 * Run by the library's app initializer in a window that is the app (not its own sign-in popup),
 * in the initializer's injection context, before that initializer starts msal-browser (an app
 * initializer of the app's that runs earlier and already uses the library starts it sooner). For
 * optional features.
 */
export const STARTUP_HOOKS = new InjectionToken<readonly ((view: Window & typeof globalThis) => void)[]>(ngDevMode ? 'STARTUP_HOOKS' : '', {
  providedIn: 'root',
  factory: () => [],
});
