// Object URLs for stored image Blobs, one per file id for as long as the screen shows it. Live
// queries hand out a fresh Blob on every re-read, so URLs are keyed by file id (not by Blob) and
// revoked when the photo goes away or the screen unmounts.
export class ObjectUrls {
  private urls = new Map<string, string>();

  get(id: string, blob: Blob): string {
    let url = this.urls.get(id);
    if (!url) {
      url = URL.createObjectURL(blob);
      this.urls.set(id, url);
    }
    return url;
  }

  keepOnly(ids: ReadonlySet<string>): void {
    for (const [id, url] of this.urls) {
      if (!ids.has(id)) {
        URL.revokeObjectURL(url);
        this.urls.delete(id);
      }
    }
  }

  revokeAll(): void {
    this.keepOnly(new Set());
  }
}
