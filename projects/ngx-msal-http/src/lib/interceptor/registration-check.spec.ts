import { HttpClient, provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import { EnvironmentProviders, Provider } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';

import { provideMsalHttpTesting } from '../../../testing/src/provide-msal-http-testing';
import { msalHttpInterceptor } from './msal-http-interceptor';

// Real requests to a file Karma serves, so that the browser records them in Resource Timing.
const PROTECTED = `${location.origin}/context.html`;
const UNPROTECTED = `${location.origin}/debug.html`;

describe('the check that the interceptor is registered (development builds)', () => {
  let warn: jasmine.Spy;
  beforeEach(() => (warn = spyOn(console, 'warn')));
  afterEach(() => TestBed.resetTestingModule());

  it('warns once, naming the fix, when a protected URL is requested and the interceptor never ran', async () => {
    const warned = new Promise<void>((resolve) => warn.and.callFake(() => resolve()));
    const http = setUp([provideHttpClient(withFetch())]);

    await firstValueFrom(http.get(`${PROTECTED}?x=1`, { responseType: 'text' }));
    await warned;
    const second = unique(PROTECTED);
    await firstValueFrom(http.get(second, { responseType: 'text' }));
    await resourceEntry(second);

    expect(warn).toHaveBeenCalledTimes(1);
    const message = String(warn.calls.mostRecent().args[0]);
    expect(message).toContain(PROTECTED);
    expect(message).not.toContain('x=1');
    expect(message).toContain('withInterceptors([msalHttpInterceptor])');
    expect(message).toContain('withDiInterceptor()');
  });

  it('says nothing when the interceptor is registered', async () => {
    const http = setUp([provideHttpClient(withFetch(), withInterceptors([msalHttpInterceptor]))]);
    const url = unique(PROTECTED);

    await firstValueFrom(http.get(url, { responseType: 'text' }));
    await resourceEntry(url);

    expect(warn).not.toHaveBeenCalled();
  });

  it('says nothing about URLs the map does not name', async () => {
    const http = setUp([provideHttpClient(withFetch())]);
    const url = unique(UNPROTECTED);

    await firstValueFrom(http.get(url, { responseType: 'text' }));
    await resourceEntry(url);

    expect(warn).not.toHaveBeenCalled();
  });
});

function setUp(http: (Provider | EnvironmentProviders)[]): HttpClient {
  TestBed.configureTestingModule({
    providers: [...http, provideMsalHttpTesting({ protectedResourceMap: [[PROTECTED, ['api://app/read']]] })],
  });
  TestBed.inject(HttpClient); // runs the app initializers' equivalent: the providers are created
  return TestBed.inject(HttpClient);
}

/** A URL no earlier test requested, so that its Resource Timing entry is this test's own. */
function unique(url: string): string {
  return `${url}?run=${Math.random().toString(36).slice(2)}`;
}

/** Resolves once the browser has reported the request to `url` (after the library's observer saw it). */
function resourceEntry(url: string): Promise<void> {
  return new Promise((resolve) => {
    const observer = new PerformanceObserver((list) => {
      if (list.getEntries().some((entry) => entry.name === url)) {
        observer.disconnect();
        resolve();
      }
    });
    observer.observe({ type: 'resource', buffered: true });
  });
}
