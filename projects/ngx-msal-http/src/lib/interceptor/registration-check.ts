import { InjectionToken } from '@angular/core';

import { ProtectedResourceMatcher } from '../resource-map/protected-resource-map';

/** Whether `msalHttpInterceptor` has seen a request in this app; written in development builds only. */
export const INTERCEPTOR_USAGE = new InjectionToken<{ seen: boolean }>(ngDevMode ? 'INTERCEPTOR_USAGE' : '', {
  providedIn: 'root',
  factory: () => ({ seen: false }),
});

/**
 * Development builds only: `provideMsalHttp` without the interceptor registered with HttpClient
 * fails silently (the API answers 401 and nothing says why). Angular offers no public way to list
 * the functional interceptors, so this watches what the browser actually sends (Resource Timing,
 * which reports fetch and XHR requests whatever made them): the first request to a URL the map
 * protects while the interceptor has never run gets one console warning naming the fix.
 */
export function watchInterceptorRegistration(
  win: Window & typeof globalThis,
  matcher: ProtectedResourceMatcher,
  usage: { readonly seen: boolean },
): () => void {
  if (typeof win.PerformanceObserver !== 'function') return () => undefined;
  const observer = new win.PerformanceObserver((list) => {
    if (usage.seen) return observer.disconnect();
    for (const entry of list.getEntries() as PerformanceResourceTiming[]) {
      if (entry.initiatorType !== 'fetch' && entry.initiatorType !== 'xmlhttprequest') continue;
      if (!matcher.match(entry.name, 'GET') && !matcher.match(entry.name, 'POST')) continue;
      observer.disconnect();
      console.warn(
        `ngx-msal-http: ${entry.name.replace(/[?#].*$/, '')} was requested without a token: protectedResourceMap names it, ` +
          `but msalHttpInterceptor never ran. Register it with HttpClient: provideHttpClient(withInterceptors([msalHttpInterceptor])) ` +
          `in a standalone app, or MsalHttpModule.forRoot(config, withDiInterceptor()) with provideHttpClient(withInterceptorsFromDi()) ` +
          `in an NgModule app. (Requests made with fetch() or XHR outside HttpClient never get a token.)`,
      );
      return;
    }
  });
  try {
    observer.observe({ type: 'resource' });
  } catch {
    return () => undefined;
  }
  return () => observer.disconnect();
}
