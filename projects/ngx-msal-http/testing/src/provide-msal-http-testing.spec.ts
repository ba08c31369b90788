import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MsalHttpEvent, MsalHttpEvents, msalHttpInterceptor } from 'ngx-msal-http';
import { MsalHttpTestingController, provideMsalHttpTesting } from 'ngx-msal-http/testing';
import { firstValueFrom } from 'rxjs';

// The example spec the README points app authors to: the real interceptor, a controllable client.
describe('provideMsalHttpTesting', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([msalHttpInterceptor])),
        provideHttpClientTesting(),
        provideMsalHttpTesting({ protectedResourceMap: [['https://api.contoso.test', ['api://contoso/read']]] }),
      ],
    });
  });
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('attaches the token the spec chooses for mapped URLs', async () => {
    TestBed.inject(MsalHttpTestingController).client.accessTokenFor = (scopes) => `token-for-${scopes.join(',')}`;

    TestBed.inject(HttpClient).get('https://api.contoso.test/items').subscribe();
    const request = await TestBed.inject(MsalHttpTestingController).expectRequest('https://api.contoso.test/items');

    expect(request.request.headers.get('Authorization')).toBe('Bearer token-for-api://contoso/read');
    request.flush([]);
  });

  // The README's snippet, as written there (keep the two in step).
  it('sends the orders request with a token for api://contoso/read (the README example)', async () => {
    const msal = TestBed.inject(MsalHttpTestingController);

    const items = firstValueFrom(TestBed.inject(HttpClient).get('https://api.contoso.test/items'));
    // The token is attached asynchronously: wait for the request to reach the backend.
    const request = await msal.expectRequest('https://api.contoso.test/items');

    msal.expectTokenFor(request, ['api://contoso/read']);
    request.flush([{ id: 1 }]);
    expect(await items).toEqual([{ id: 1 }]);
  });

  it('expects a token for given scopes on a request, and says what is wrong when it is not', async () => {
    const msal = TestBed.inject(MsalHttpTestingController);

    TestBed.inject(HttpClient).get('https://api.contoso.test/items').subscribe();
    const request = await msal.expectRequest('https://api.contoso.test/items');

    expect(() => msal.expectTokenFor(request, ['api://contoso/read'], 'ada@contoso.test')).not.toThrow();
    expect(() => msal.expectTokenFor(request, ['api://other/read'])).toThrowError(/carries a token for "api:\/\/contoso\/read"/);
    expect(() => msal.expectTokenFor(request, ['api://contoso/read'], 'bob@contoso.test')).toThrowError(/not bob@contoso.test/);
    request.flush([]);
  });

  it('settles however many steps the acquisition takes, and leaves calls the fake holds open pending', async () => {
    const msal = TestBed.inject(MsalHttpTestingController);
    let release!: () => void;
    msal.client.silent = () => new Promise((resolve) => (release = () => resolve({ kind: 'ok' })));

    TestBed.inject(HttpClient).get('https://api.contoso.test/items').subscribe();
    expect(await msal.requests('https://api.contoso.test/items')).toEqual([]);
    release();

    (await msal.expectRequest('https://api.contoso.test/items')).flush([]);
    expect(msal.client.calls.acquireTokenSilent.length).toBe(1);
  });

  it('lets the spec make token acquisition fail', async () => {
    const msal = TestBed.inject(MsalHttpTestingController);
    msal.client.interactionRequired = true;
    msal.client.popup = () => ({ kind: 'error', error: new Error('popup closed') });

    const error = await new Promise((resolve) =>
      TestBed.inject(HttpClient).get('https://api.contoso.test/items').subscribe({ error: resolve }),
    );

    expect(error).toEqual(jasmine.objectContaining({ code: 'MSALHTTP202' }));
  });

  it('emits events to components listening on MsalHttpEvents', () => {
    const received: MsalHttpEvent[] = [];
    TestBed.inject(MsalHttpEvents)
      .on('msal:loginFailure')
      .subscribe((event) => received.push(event));
    const event: MsalHttpEvent = { type: 'msal:loginFailure', interactionType: 'popup', error: new Error('x') };

    TestBed.inject(MsalHttpTestingController).emit(event);

    expect(received).toEqual([event]);
  });

  it('starts with a signed-in active account', () => {
    expect(TestBed.inject(MsalHttpTestingController).client.getActiveAccount()?.username).toBe('ada@contoso.test');
  });
});
