import { InjectionToken } from '@angular/core';
import { Configuration, IPublicClientApplication, PublicClientApplication } from '@azure/msal-browser';

import { notConfigured } from '../config/config-errors';
import { MsalClientSource } from '../config/msal-http-config';

/**
 * The msal-browser client ngx-msal-http uses, built from `config.msal`. Inject it to read accounts
 * or call msal-browser directly; provide it yourself only in tests (or use `ngx-msal-http/testing`).
 *
 * @example
 * const accounts = inject(MSAL_HTTP_CLIENT).getAllAccounts();
 */
export const MSAL_HTTP_CLIENT = new InjectionToken<IPublicClientApplication>(ngDevMode ? 'MSAL_HTTP_CLIENT' : '', {
  providedIn: 'root',
  factory: () => notConfigured('MSAL_HTTP_CLIENT'),
});

/** An instance is used as is; a factory is called (in an injection context); a Configuration builds a client. */
export function createMsalClient(source: MsalClientSource): IPublicClientApplication {
  if (typeof source === 'function') return source();
  if (isClient(source)) return source;
  return new PublicClientApplication(source);
}

function isClient(source: IPublicClientApplication | Configuration): source is IPublicClientApplication {
  return typeof (source as Partial<IPublicClientApplication>).acquireTokenSilent === 'function';
}
