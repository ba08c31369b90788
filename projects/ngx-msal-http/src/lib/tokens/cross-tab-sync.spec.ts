import { TestBed } from '@angular/core/testing';

import { fakeAccount } from '../../../testing/src/fake-msal-client';
import { MsalHttpTestingController, provideMsalHttpTesting } from '../../../testing/src/provide-msal-http-testing';
import { setUpMsalHttp } from '../../test-support/msal-http-test-bed';
import { withCrossTabSync } from './cross-tab-sync';

describe('withCrossTabSync() at startup', () => {
  const storageListeners = (spy: jasmine.Spy) => spy.calls.allArgs().filter(([type]) => type === 'storage').length;

  it("starts re-reading msal's cache on storage events, and stops when the app is destroyed", async () => {
    const added = spyOn(window, 'addEventListener').and.callThrough();
    const removed = spyOn(window, 'removeEventListener').and.callThrough();
    const { msal } = setUpMsalHttp({ account: fakeAccount(), providers: [...withCrossTabSync().ɵproviders] });
    await msal.settle();

    expect(storageListeners(added)).toBe(1);
    TestBed.resetTestingModule();
    expect(storageListeners(removed)).toBe(1);
  });

  it('listens to nothing of the kind without the feature', async () => {
    const added = spyOn(window, 'addEventListener').and.callThrough();
    const { msal } = setUpMsalHttp({ account: fakeAccount() });
    await msal.settle();

    expect(storageListeners(added)).toBe(0);
  });

  it('is passed on by provideMsalHttpTesting({ features })', async () => {
    const added = spyOn(window, 'addEventListener').and.callThrough();
    TestBed.configureTestingModule({ providers: [provideMsalHttpTesting({ features: [withCrossTabSync()] })] });
    await TestBed.inject(MsalHttpTestingController).settle();

    expect(storageListeners(added)).toBe(1);
  });
});
