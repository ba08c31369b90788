import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { msalHttpInterceptor } from 'ngx-msal-http';
import { MsalHttpTestingController, provideMsalHttpTesting, userCancelledError } from 'ngx-msal-http/testing';

import { demoMsalHttpConfig, ORDERS_READ, ORDERS_WRITE } from '../demo-msal-http-config';
import { DEMO_SETTINGS, DemoSettings } from '../demo-settings';
import { ApiCallsComponent } from './api-calls.component';

const settings: DemoSettings = {
  issuer: 'https://localhost:3443',
  clientId: 'ngx-msal-http-demo',
  apiUrl: 'http://localhost:3001',
  dpopApiUrl: 'https://localhost:3002',
  variant: 'standalone',
  interactionType: 'popup',
  bridge: true,
  cacheLocation: 'sessionStorage',
  renewal: false,
  renewalOffsetSeconds: null,
};

// The demo's buttons against the real interceptor and the demo's own map, with the fake client of
// ngx-msal-http/testing: no provider, no popup, no network.
describe('ApiCallsComponent', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([msalHttpInterceptor])),
        provideHttpClientTesting(),
        provideMsalHttpTesting({ protectedResourceMap: demoMsalHttpConfig(settings).protectedResourceMap }),
        { provide: DEMO_SETTINGS, useValue: settings },
      ],
    });
    TestBed.inject(MsalHttpTestingController).client.accessTokenFor = (scopes) => `token(${scopes.join(' ')})`;
  });
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('sends POST /orders with an orders.write (and orders.read) token and shows the answer', async () => {
    const fixture = await render();

    click(root(fixture), 'post-orders');
    const request = await nextRequest('http://localhost:3001/orders');
    request.flush({ placed: true });
    await fixture.whenStable();

    expect(request.request.method).toBe('POST');
    // The POST entry adds orders.write to the plain orders.read (rule 7, docs/matching.md).
    expect(request.request.headers.get('Authorization')).toBe(`Bearer token(${ORDERS_READ} ${ORDERS_WRITE})`);
    expect(result(root(fixture), 'post-orders')).toEqual({ state: 'ok', text: '{"placed":true}' });
  });

  it('sends GET /orders with an orders.read token', async () => {
    const fixture = await render();

    click(root(fixture), 'get-orders');
    const request = await nextRequest('http://localhost:3001/orders');

    expect(request.request.headers.get('Authorization')).toBe(`Bearer token(${ORDERS_READ})`);
    request.flush([]);
  });

  it('sends the unprotected and the look-alike calls without a token', async () => {
    const fixture = await render();

    click(root(fixture), 'get-public');
    click(root(fixture), 'look-alike');
    const publicCall = await nextRequest('http://localhost:3001/public');
    const lookAlike = await nextRequest('http://127.0.0.1:3001/orders');

    expect(publicCall.request.headers.has('Authorization')).toBeFalse();
    expect(lookAlike.request.headers.has('Authorization')).toBeFalse();
    publicCall.flush('public');
    lookAlike.flush(null, { status: 401, statusText: 'Unauthorized' });
  });

  it('shows the typed error when the user closes the sign-in popup', async () => {
    const msal = TestBed.inject(MsalHttpTestingController);
    msal.client.interactionRequired = true;
    msal.client.popup = () => ({ kind: 'error', error: userCancelledError() });
    const fixture = await render();

    click(root(fixture), 'get-profile');
    await flushMicrotasks();
    await fixture.whenStable();

    const shown = result(root(fixture), 'get-profile');
    expect(shown?.state).toBe('error');
    expect(shown?.text).toContain('MSALHTTP207');
    TestBed.inject(HttpTestingController).expectNone('http://localhost:3001/profile');
  });
});

function root(fixture: { nativeElement: unknown }): HTMLElement {
  return fixture.nativeElement as HTMLElement;
}

async function render() {
  const fixture = TestBed.createComponent(ApiCallsComponent);
  await fixture.whenStable();
  return fixture;
}

function click(root: HTMLElement, call: string): void {
  root.querySelector<HTMLButtonElement>(`button[data-call="${call}"]`)!.click();
}

function result(root: HTMLElement, call: string): { state: string | null; text: string } | null {
  const output = root.querySelector(`output[data-result="${call}"]`);
  return output ? { state: output.getAttribute('data-state'), text: output.textContent?.trim() ?? '' } : null;
}

async function flushMicrotasks(): Promise<void> {
  for (let turn = 0; turn < 30; turn++) await Promise.resolve();
}

async function nextRequest(url: string): Promise<TestRequest> {
  await flushMicrotasks();
  return TestBed.inject(HttpTestingController).expectOne(url);
}
