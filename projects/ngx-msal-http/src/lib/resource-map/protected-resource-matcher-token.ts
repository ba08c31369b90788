import { DOCUMENT } from '@angular/common';
import { inject, InjectionToken, Provider } from '@angular/core';

import { MSAL_HTTP_CONFIG } from '../config/msal-http-config';
import { compileProtectedResourceMap } from './compile-protected-resource-map';
import { ProtectedResourceMatcher } from './protected-resource-map';

/** The application's protectedResourceMap, compiled once against the document's base URI. */
export const PROTECTED_RESOURCE_MATCHER = new InjectionToken<ProtectedResourceMatcher>(ngDevMode ? 'PROTECTED_RESOURCE_MATCHER' : '');

/** Compiles the map when first injected; the providers force that at startup. */
export const protectedResourceMatcherProvider: Provider = {
  provide: PROTECTED_RESOURCE_MATCHER,
  useFactory: () => {
    const baseUrl = inject(DOCUMENT, { optional: true })?.baseURI || undefined;
    return compileProtectedResourceMap(inject(MSAL_HTTP_CONFIG).protectedResourceMap, { baseUrl });
  },
};
