import { ProviderToken } from '@angular/core';
import { TestBed } from '@angular/core/testing';

import { MsalHttpAuth } from '../auth/msal-http-auth';
import { MsalHttpEvents } from '../events/msal-http-events';
import { MSAL_HTTP_CLIENT } from '../tokens/msal-client';
import { MSAL_HTTP_CONFIG } from './msal-http-config';
import { MsalHttpError } from './msal-http-error';

describe('the library used without its providers', () => {
  const injectables: readonly (readonly [string, ProviderToken<unknown>])[] = [
    ['MsalHttpEvents', MsalHttpEvents],
    ['MsalHttpAuth', MsalHttpAuth],
    ['MSAL_HTTP_CLIENT', MSAL_HTTP_CLIENT],
    ['MSAL_HTTP_CONFIG', MSAL_HTTP_CONFIG],
  ];
  for (const [name, token] of injectables) {
    it(`names provideMsalHttp and MsalHttpModule.forRoot when ${name} is injected (not NG0201)`, () => {
      TestBed.configureTestingModule({});

      expect(() => TestBed.inject(token)).toThrowMatching(
        (error) =>
          error instanceof MsalHttpError &&
          error.code === 'MSALHTTP117' &&
          error.message.includes(name) &&
          error.message.includes('provideMsalHttp(config)') &&
          error.message.includes('MsalHttpModule.forRoot(config)'),
      );
    });
  }
});
