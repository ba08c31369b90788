import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { PROTECTED_RESOURCE_MATCHER } from 'ngx-msal-http';

import { LoggedRequest, RequestLog } from './request-log';

interface KeyGroup {
  readonly key: string | null;
  readonly requests: readonly LoggedRequest[];
}

/**
 * For each protectedResourceMap key, the requests it matched, plus the requests no key matched
 * (sent without a token). `PROTECTED_RESOURCE_MATCHER` is the map the library compiled at startup.
 */
@Component({
  selector: 'demo-key-matches-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2>Requests per protectedResourceMap key</h2>
    <table class="keys">
      <thead>
        <tr>
          <th>key</th>
          <th>requests it matched (method, URL, token attached, status)</th>
        </tr>
      </thead>
      <tbody>
        @for (group of groups(); track group.key) {
          <tr [attr.data-key]="group.key ?? '(none)'">
            <td>
              <code>{{ group.key ?? '(no key: sent without a token)' }}</code>
            </td>
            <td>
              @for (request of group.requests; track request.id) {
                <div class="request" [attr.data-with-token]="request.withToken">
                  {{ request.method }} {{ request.url }} · {{ request.withToken ? 'token' : 'no token' }} ·
                  {{ request.status || '…' }}
                </div>
              } @empty {
                <span class="muted">none yet</span>
              }
            </td>
          </tr>
        }
      </tbody>
    </table>
  `,
})
export class KeyMatchesPanelComponent {
  private readonly keys = inject(PROTECTED_RESOURCE_MATCHER).keys;
  private readonly log = inject(RequestLog);

  protected readonly groups = computed<readonly KeyGroup[]>(() => {
    const requests = this.log.requests();
    return [...this.keys, null].map((key) => ({ key, requests: requests.filter((request) => request.key === key) }));
  });
}
