/**
 * The few WebExtension APIs the companion uses, as Chrome (and Firefox, under the same `chrome`
 * name) expose them in Manifest V3, promise-based. Declared here rather than taken from @types/chrome:
 * these dozen members are all the companion may touch, so reaching for anything else (tabs,
 * cookies, webRequest...) is a type error before it is a review comment.
 */
declare namespace chrome {
  namespace runtime {
    const id: string;
    interface MessageSender {
      id?: string;
      url?: string;
      tab?: { id?: number; url?: string };
    }
    function sendMessage<T = unknown>(message: unknown): Promise<T>;
    function openOptionsPage(): Promise<void>;
    function getURL(path: string): string;
    const onMessage: {
      addListener(
        callback: (
          message: unknown,
          sender: MessageSender,
          sendResponse: (response: unknown) => void,
        ) => boolean | undefined,
      ): void;
    };
  }
  namespace storage {
    interface StorageArea {
      get(keys: string | string[]): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
      remove(keys: string | string[]): Promise<void>;
      /** Chrome 102+; absent in Firefox. */
      setAccessLevel?(options: {
        accessLevel: 'TRUSTED_CONTEXTS' | 'TRUSTED_AND_UNTRUSTED_CONTEXTS';
      }): Promise<void>;
    }
    const local: StorageArea;
  }
  namespace tabs {
    function create(properties: { url: string; active?: boolean }): Promise<unknown>;
  }
  namespace action {
    const onClicked: { addListener(callback: () => void): void };
  }
}
