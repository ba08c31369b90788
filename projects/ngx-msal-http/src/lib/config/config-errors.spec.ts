import { createEnvironmentInjector, EnvironmentInjector, ProviderToken } from '@angular/core';
import { TestBed } from '@angular/core/testing';

import { FakeMsalClient } from '../../../testing/src/fake-msal-client';
import { MsalHttpAuth } from '../auth/msal-http-auth';
import { MsalHttpEvents } from '../events/msal-http-events';
import { withDiInterceptor, withTokenRenewal } from '../msal-http-feature';
import { MsalHttpModule } from '../msal-http-module';
import { provideMsalHttp } from '../provide-msal-http';
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

describe('the library provided in a child injector', () => {
  it("fails with MSALHTTP120 naming the application providers when provideMsalHttp is in a route's injector", () => {
    TestBed.configureTestingModule({});
    const root = TestBed.inject(EnvironmentInjector);
    const config = { msal: new FakeMsalClient(), protectedResourceMap: [['https://api.contoso.test', ['api://read']]] } as const;

    expect(() => createEnvironmentInjector([provideMsalHttp(config)], root)).toThrowMatching(
      (error) => error instanceof MsalHttpError && error.code === 'MSALHTTP120' && error.message.includes('app.config.ts'),
    );
  });

  it('starts without MSALHTTP120 from the application providers', () => {
    TestBed.configureTestingModule({
      providers: [provideMsalHttp({ msal: new FakeMsalClient(), protectedResourceMap: [['https://api.contoso.test', ['api://read']]] })],
    });

    expect(() => TestBed.inject(EnvironmentInjector)).not.toThrow();
  });
});

describe('features passed to the library', () => {
  const config = { msal: new FakeMsalClient(), protectedResourceMap: [['https://api.contoso.test', ['api://read']]] } as const;

  it('refuses the same feature twice with MSALHTTP121, naming it, in both setups', () => {
    const cases: readonly (readonly [() => unknown, string])[] = [
      [() => provideMsalHttp(config, withTokenRenewal(), withTokenRenewal()), 'withTokenRenewal()'],
      [() => MsalHttpModule.forRoot(config, withDiInterceptor(), withDiInterceptor()), 'withDiInterceptor()'],
    ];
    for (const [setUp, named] of cases) {
      expect(setUp).toThrowMatching(
        (error) => error instanceof MsalHttpError && error.code === 'MSALHTTP121' && error.message.includes(named),
      );
    }
  });

  it('takes different features together', () => {
    expect(() => provideMsalHttp(config, withTokenRenewal(), withDiInterceptor())).not.toThrow();
  });
});
