import { TestBed } from '@angular/core/testing';
import { MsalHttpTestingController, provideMsalHttpTesting } from 'ngx-msal-http/testing';

import { EventsPanelComponent } from './events-panel.component';

describe('EventsPanelComponent', () => {
  beforeEach(() => TestBed.configureTestingModule({ providers: [provideMsalHttpTesting()] }));

  it('shows a row for each event the library emits, with its request and scopes', async () => {
    const fixture = TestBed.createComponent(EventsPanelComponent);
    await fixture.whenStable();

    TestBed.inject(MsalHttpTestingController).emit({
      type: 'msal:acquireTokenStart',
      request: { method: 'GET', url: 'http://localhost:3001/orders', scopes: ['api://demo-orders/orders.read'], account: null },
    });
    await fixture.whenStable();

    const row = (fixture.nativeElement as HTMLElement).querySelector('tr[data-event="msal:acquireTokenStart"]');
    expect(row?.querySelector('[data-col="request"]')?.textContent?.trim()).toBe('GET http://localhost:3001/orders');
    expect(row?.querySelector('[data-col="scopes"]')?.textContent?.trim()).toBe('api://demo-orders/orders.read');
  });
});
