import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MsalHttpError } from 'ngx-msal-http';
import { Observable } from 'rxjs';

import { DemoApi } from './demo-api';

interface DemoCall {
  readonly id: string;
  readonly label: string;
  readonly hint: string;
  readonly send: () => Observable<unknown>;
}

/** The latest outcome of one button; `run` counts the clicks, so a test can tell runs apart. */
interface Outcome {
  readonly run: number;
  readonly state: 'pending' | 'ok' | 'error';
  readonly text: string;
}

/** One button per thing the interceptor does, each showing what came back. */
@Component({
  selector: 'demo-api-calls',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2>Call the API</h2>
    <ul class="calls">
      @for (call of calls; track call.id) {
        <li>
          <button type="button" [attr.data-call]="call.id" (click)="run(call)">{{ call.label }}</button>
          <span class="hint">{{ call.hint }}</span>
          @if (outcomes()[call.id]; as outcome) {
            <output [attr.data-result]="call.id" [attr.data-run]="outcome.run" [attr.data-state]="outcome.state" [class]="outcome.state">{{
              outcome.text
            }}</output>
          }
        </li>
      }
    </ul>
  `,
})
export class ApiCallsComponent {
  private readonly api = inject(DemoApi);
  protected readonly outcomes = signal<Readonly<Record<string, Outcome>>>({});

  protected readonly calls: readonly DemoCall[] = [
    { id: 'get-orders', label: 'GET /orders', hint: 'orders.read', send: () => this.api.orders() },
    { id: 'post-orders', label: 'POST /orders', hint: 'orders.write', send: () => this.api.placeOrder() },
    { id: 'get-profile', label: 'GET /profile', hint: 'profile.read, another audience', send: () => this.api.profile() },
    { id: 'get-dpop', label: 'DPoP: GET /dpop', hint: 'dpop.read, a proof per request (https)', send: () => this.api.dpop() },
    {
      id: 'dpop-nonce',
      label: 'DPoP: GET /dpop/nonce',
      hint: 'API wants a server nonce: MSALHTTP241, no retry',
      send: () => this.api.dpopWithNonce(),
    },
    { id: 'get-public', label: 'GET /public', hint: 'not in the map: no token', send: () => this.api.publicData() },
    { id: 'look-alike', label: 'GET 127.0.0.1/orders', hint: 'look-alike host: no token, so 401', send: () => this.api.lookAlikeHost() },
    {
      id: 'parallel',
      label: '5 × GET /orders at once',
      hint: 'one acquisition, at most one popup',
      send: () => this.api.ordersFiveTimes(),
    },
    {
      id: 'claims',
      label: 'GET /orders + claims challenge',
      hint: '401 with claims, one retry',
      send: () => this.api.ordersWithClaimsChallenge(),
    },
  ];

  protected run(call: DemoCall): void {
    const run = (this.outcomes()[call.id]?.run ?? 0) + 1;
    this.show(call.id, { run, state: 'pending', text: '…' });
    call.send().subscribe({
      next: (body) => this.show(call.id, { run, state: 'ok', text: typeof body === 'string' ? body : JSON.stringify(body) }),
      error: (error: unknown) => this.show(call.id, { run, state: 'error', text: describeError(error) }),
    });
  }

  private show(id: string, outcome: Outcome): void {
    this.outcomes.update((all) => ({ ...all, [id]: outcome }));
  }
}

/** ngx-msal-http fails a request with a typed MsalHttpError; the API's refusals are HttpErrorResponses. */
function describeError(error: unknown): string {
  if (error instanceof MsalHttpError) return error.message;
  if (error instanceof HttpErrorResponse) {
    const reason = (error.error as { error?: string } | null)?.error ?? error.statusText;
    return `HTTP ${error.status}: ${reason}`;
  }
  return String(error);
}
