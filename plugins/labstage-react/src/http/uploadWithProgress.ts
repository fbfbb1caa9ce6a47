/**
 * Sends a body with XMLHttpRequest, the only browser API that reports upload
 * progress, and hands back the outcome as a fetch `Response`.
 */
export function uploadWithProgress(
  url: string,
  options: {
    method: string;
    body: Blob;
    contentType: string;
    token?: string;
    onProgress?: (fraction: number) => void;
  },
): Promise<Response> {
  const { method, body, contentType, token, onProgress } = options;
  return new Promise<Response>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Content-Type', contentType);
    xhr.upload.onprogress = e => {
      if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      const headers = new Headers();
      const type = xhr.getResponseHeader('Content-Type');
      if (type) headers.set('Content-Type', type);
      resolve(
        new Response(xhr.status === 204 ? null : xhr.responseText, {
          status: xhr.status,
          statusText: xhr.statusText,
          headers,
        }),
      );
    };
    xhr.onerror = () =>
      reject(new Error('The upload failed: the connection was interrupted.'));
    xhr.onabort = () => reject(new Error('The upload was cancelled.'));
    xhr.send(body);
  });
}
