import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';

import { EventLog } from './event-log';

/**
 * The live events panel: ngx-msal-http's token events (one start and one success or failure per
 * acquisition, claims challenges, refusals) and msal-browser's own events, newest first. No event
 * carries a token, so the panel can show everything it gets.
 */
@Component({
  selector: 'demo-events-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2>
      Token events <small>({{ rows().length }})</small>
    </h2>
    <p class="buttons">
      <label
        ><input type="checkbox" data-filter-library [checked]="libraryOnly()" (change)="libraryOnly.set(!libraryOnly())" /> only
        ngx-msal-http's events</label
      >
      <button type="button" data-action="clear-events" (click)="log.clear()">Clear</button>
    </p>
    <table class="events">
      <thead>
        <tr>
          <th>#</th>
          <th>time</th>
          <th>type</th>
          <th>source</th>
          <th>request</th>
          <th>scopes</th>
          <th>account</th>
          <th>from cache</th>
          <th>detail</th>
        </tr>
      </thead>
      <tbody>
        @for (row of rows(); track row.seq) {
          <tr [attr.data-event]="row.type" [attr.data-source]="row.source" [class]="row.source">
            <td>{{ row.seq }}</td>
            <td class="nowrap">{{ row.time }}</td>
            <td class="type">{{ row.type }}</td>
            <td class="nowrap">{{ row.source }}</td>
            <td class="nowrap" data-col="request">{{ row.request }}</td>
            <td data-col="scopes">{{ row.scopes.join(' ') }}</td>
            <td>{{ row.account }}</td>
            <td data-col="from-cache">{{ row.fromCache === null ? '' : row.fromCache ? 'yes' : 'no' }}</td>
            <td class="detail">{{ row.detail }}</td>
          </tr>
        } @empty {
          <tr>
            <td colspan="9">No events yet: sign in or call the API.</td>
          </tr>
        }
      </tbody>
    </table>
  `,
})
export class EventsPanelComponent {
  protected readonly log = inject(EventLog);
  protected readonly libraryOnly = signal(false);
  protected readonly rows = computed(() => {
    const rows = this.log.events();
    return this.libraryOnly() ? rows.filter((row) => row.source === 'ngx-msal-http') : rows;
  });
}
