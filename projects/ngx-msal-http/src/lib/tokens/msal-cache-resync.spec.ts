import { resyncMsalCache } from './msal-cache-resync';

describe('resyncMsalCache', () => {
  let msal: BroadcastChannel;
  let otherTab: BroadcastChannel;
  let received: unknown[];
  let stop: () => void;

  beforeEach(() => {
    // msal-browser's channel in this tab, and another tab's.
    msal = new BroadcastChannel('msal.broadcast.cache');
    otherTab = new BroadcastChannel('msal.broadcast.cache');
    received = [];
    msal.onmessage = (event) => received.push(event.data);
    stop = resyncMsalCache(window);
  });
  afterEach(() => {
    stop();
    msal.close();
    otherTab.close();
  });

  it("makes msal re-read an entry another tab announced once this tab's localStorage shows it", async () => {
    otherTab.postMessage({ key: 'msal.token', value: '{}', context: 'client-id' });
    await until(() => received.length === 1);
    await delivered();

    window.dispatchEvent(new StorageEvent('storage', { key: 'msal.token' }));
    await until(() => received.length === 2);

    expect(received[1]).toEqual({ key: 'msal.token', value: null, context: 'client-id' });
  });

  it('re-reads a known entry at each change, and a change seen before its first message when the message comes', async () => {
    window.dispatchEvent(new StorageEvent('storage', { key: 'msal.new-token' }));
    otherTab.postMessage({ key: 'msal.new-token', value: '{}', context: '' });
    await until(() => received.length === 2);
    expect(received[1]).toEqual({ key: 'msal.new-token', value: null, context: '' });

    window.dispatchEvent(new StorageEvent('storage', { key: 'msal.new-token' }));
    window.dispatchEvent(new StorageEvent('storage', { key: 'app.setting' }));
    await until(() => received.length === 3);
    await delivered();
    expect(received.length).toBe(3);
  });
});

// BroadcastChannel delivers in tasks: wait for the effect, then one more round trip.
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await delivered();
}

function delivered(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 5));
}
