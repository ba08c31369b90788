import { HttpErrorResponse, HttpEventType, HttpInterceptorFn } from '@angular/common/http';
import { inject, Injectable, signal } from '@angular/core';
import { PROTECTED_RESOURCE_MATCHER } from 'ngx-msal-http';
import { tap } from 'rxjs';

/** One HTTP request as it left the app, after ngx-msal-http had its turn. */
export interface LoggedRequest {
  readonly id: number;
  readonly method: string;
  readonly url: string;
  /** The protectedResourceMap key that matched, or `null` when none did. */
  readonly key: string | null;
  /** Whether the request went out with an `Authorization` header (the token itself is never kept). */
  readonly withToken: boolean;
  /** HTTP status; 0 while in flight or when the network failed. */
  readonly status: number;
}

const MAX_ENTRIES = 100;

/** The requests the app sent, newest last, for the "requests per key" panel. */
@Injectable({ providedIn: 'root' })
export class RequestLog {
  private readonly entries = signal<readonly LoggedRequest[]>([]);
  private nextId = 1;

  readonly requests = this.entries.asReadonly();

  add(request: Omit<LoggedRequest, 'id' | 'status'>): number {
    const entry: LoggedRequest = { ...request, id: this.nextId++, status: 0 };
    this.entries.update((all) => [...all, entry].slice(-MAX_ENTRIES));
    return entry.id;
  }

  settle(id: number, status: number): void {
    this.entries.update((all) => all.map((entry) => (entry.id === id ? { ...entry, status } : entry)));
  }
}

/**
 * The demo's own interceptor, registered after ngx-msal-http's so it sees each request as it goes
 * out: which map key matched (asked of the same compiled matcher the library uses) and whether a
 * token was attached. A claims-challenge retry shows up as a second request.
 */
export const requestLogInterceptor: HttpInterceptorFn = (request, next) => {
  const log = inject(RequestLog);
  const match = inject(PROTECTED_RESOURCE_MATCHER).match(request.url, request.method);
  const id = log.add({
    method: request.method,
    url: request.url,
    key: match?.key ?? null,
    withToken: request.headers.has('Authorization'),
  });
  return next(request).pipe(
    tap({
      next: (event) => {
        if (event.type === HttpEventType.Response) log.settle(id, event.status);
      },
      error: (error: unknown) => log.settle(id, error instanceof HttpErrorResponse ? error.status : 0),
    }),
  );
};
