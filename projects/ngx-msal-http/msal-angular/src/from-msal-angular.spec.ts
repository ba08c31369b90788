import { HTTP_INTERCEPTORS, HttpClient, provideHttpClient, withInterceptors, withInterceptorsFromDi } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import {
  MSAL_GUARD_CONFIG,
  MSAL_INSTANCE,
  MSAL_INTERCEPTOR_CONFIG,
  MsalBroadcastService,
  MsalGuard,
  MsalInterceptor,
  MsalInterceptorConfiguration,
  MsalService,
} from '@azure/msal-angular';
import { EventMessage, InteractionType } from '@azure/msal-browser';
import { MsalBrowserEvent, MsalHttpEvent, MsalHttpEvents, msalHttpInterceptor, provideMsalHttp } from 'ngx-msal-http';
import { FakeMsalClient, fakeAccount, MsalHttpTestingController, provideMsalHttpTestingController } from 'ngx-msal-http/testing';
import { fromMsalInterceptorConfig, msalAngularInstance } from 'ngx-msal-http/msal-angular';

const PROFILE = 'https://graph.contoso.test/v1.0/me';
const interceptorConfig: MsalInterceptorConfiguration = {
  interactionType: InteractionType.Popup,
  protectedResourceMap: new Map([[PROFILE, ['user.read']]]),
};

describe('ngx-msal-http next to @azure/msal-angular', () => {
  let client: FakeMsalClient;

  function setUp(options: { alsoMsalInterceptor: boolean }) {
    client = new FakeMsalClient();
    client.signIn(fakeAccount(), true);
    TestBed.configureTestingModule({
      providers: [
        { provide: MSAL_INSTANCE, useValue: client },
        { provide: MSAL_GUARD_CONFIG, useValue: { interactionType: InteractionType.Redirect } },
        { provide: MSAL_INTERCEPTOR_CONFIG, useValue: interceptorConfig },
        MsalService,
        MsalBroadcastService,
        MsalGuard,
        // msal-angular's interceptor first (DI interceptors), ours after it, as during a migration.
        options.alsoMsalInterceptor ? [{ provide: HTTP_INTERCEPTORS, useClass: MsalInterceptor, multi: true }] : [],
        provideHttpClient(withInterceptorsFromDi(), withInterceptors([msalHttpInterceptor])),
        provideHttpClientTesting(),
        provideMsalHttpTestingController(client),
        provideMsalHttp({ msal: msalAngularInstance, ...fromMsalInterceptorConfig(interceptorConfig) }),
      ],
    });
  }

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('attaches one token from the shared client when ours replaces MsalInterceptor', async () => {
    setUp({ alsoMsalInterceptor: false });

    TestBed.inject(HttpClient).get(PROFILE).subscribe();
    const request = await nextRequest(PROFILE);

    expect(request.request.headers.getAll('Authorization')?.length).toBe(1);
    expect(client.calls.acquireTokenSilent.map((r) => r.scopes)).toEqual([['user.read']]);
    request.flush({});
  });

  it('never attaches a second token while MsalInterceptor is still registered', async () => {
    setUp({ alsoMsalInterceptor: true });
    TestBed.inject(MsalService).instance.setActiveAccount(fakeAccount());

    TestBed.inject(HttpClient).get(PROFILE).subscribe();
    const request = await nextRequest(PROFILE);

    expect(request.request.headers.getAll('Authorization')?.length).toBe(1);
    expect(client.calls.acquireTokenSilent.length).toBe(1);
    request.flush({});
  });

  it('shares msal-browser events with MsalBroadcastService', async () => {
    setUp({ alsoMsalInterceptor: false });
    const theirs: EventMessage[] = [];
    const ours: MsalHttpEvent[] = [];
    const bridged: MsalBrowserEvent[] = [];
    TestBed.inject(MsalBroadcastService).msalSubject$.subscribe((m) => theirs.push(m));
    const events = TestBed.inject(MsalHttpEvents);
    events.on('msal:acquireTokenSuccess').subscribe((e) => ours.push(e));
    events.onMsalBrowser('msal:acquireTokenSuccess').subscribe((e) => bridged.push(e));

    TestBed.inject(HttpClient).get(PROFILE).subscribe();
    (await nextRequest(PROFILE)).flush({});

    expect(theirs.map((m) => m.eventType)).toContain('msal:acquireTokenSuccess');
    // One library event for one request; msal-browser's own is apart, as msal-angular sees it.
    expect(ours.length).toBe(1);
    expect(bridged.length).toBe(1);
  });

  it('uses the MSAL_INSTANCE client msal-angular services use', () => {
    setUp({ alsoMsalInterceptor: false });

    expect(TestBed.inject(MsalService).instance).toBe(client);
  });
});

describe('fromMsalInterceptorConfig', () => {
  it('keeps the map and interaction type', () => {
    expect(fromMsalInterceptorConfig(interceptorConfig)).toEqual({
      protectedResourceMap: interceptorConfig.protectedResourceMap,
      interactionType: 'popup',
    });
  });

  it('calls an msal-angular authRequest function as MsalInterceptor does, once per acquisition', async () => {
    const client = new FakeMsalClient();
    const account = client.signIn(fakeAccount(), true);
    const authRequest = jasmine
      .createSpy('authRequest')
      .and.callFake((_service: MsalService, _request: unknown, original: { account?: unknown }) => ({
        authority: 'https://login.contoso.test/tenant-b',
        account: original.account,
      }));
    TestBed.configureTestingModule({
      providers: [
        { provide: MSAL_INSTANCE, useValue: client },
        MsalService,
        MsalBroadcastService,
        provideHttpClient(withInterceptors([msalHttpInterceptor])),
        provideHttpClientTesting(),
        provideMsalHttpTestingController(client),
        provideMsalHttp({ msal: msalAngularInstance, ...fromMsalInterceptorConfig({ ...interceptorConfig, authRequest }) }),
      ],
    });

    TestBed.inject(HttpClient).get(PROFILE).subscribe();
    (await nextRequest(PROFILE)).flush({});

    expect(authRequest).toHaveBeenCalledOnceWith(TestBed.inject(MsalService), jasmine.objectContaining({ url: PROFILE }), { account });
    expect(client.calls.acquireTokenSilent).toEqual([
      jasmine.objectContaining({ authority: 'https://login.contoso.test/tenant-b', account }),
    ]);
  });

  it('keeps an object authRequest without the account msal-angular would add', () => {
    const adapted = fromMsalInterceptorConfig({ ...interceptorConfig, authRequest: { authority: 'https://a.test/a', account: undefined } });

    expect(adapted.authRequest).toEqual({ authority: 'https://a.test/a' });
  });
});

function nextRequest(url: string) {
  return TestBed.inject(MsalHttpTestingController).expectRequest(url);
}
