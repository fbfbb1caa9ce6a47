# shellcheck shell=bash
# Certificates and keys for the test cluster, made with openssl once per data
# folder: a cluster CA, the API server's serving certificate (127.0.0.1 only),
# one client certificate per component, the kubelet's serving certificate and
# the ServiceAccount token signing key. Nothing here is a production PKI; it
# makes the cluster's TLS and authentication real, so Labstage is refused
# what its Role does not allow exactly as on a real cluster.
# Needs: log/die from prepare.sh.

# Signs a certificate for subject with the cluster CA. Extensions: client,
# server (with subjectAltName), or both.
kubernetes_sign() { # pki-dir name subject usage [subjectAltName]
  local pki="$1" name="$2" subject="$3" usage="$4" san="${5:-}" ext
  [ -s "$pki/$name.crt" ] && return 0
  ext="$(mktemp)"
  {
    echo "basicConstraints=critical,CA:FALSE"
    echo "keyUsage=critical,digitalSignature,keyEncipherment"
    case "$usage" in
      client) echo "extendedKeyUsage=clientAuth" ;;
      server) echo "extendedKeyUsage=serverAuth" ;;
      *) echo "extendedKeyUsage=serverAuth,clientAuth" ;;
    esac
    [ -z "$san" ] || echo "subjectAltName=$san"
  } >"$ext"
  openssl ecparam -name prime256v1 -genkey -noout -out "$pki/$name.key" 2>/dev/null
  openssl req -new -key "$pki/$name.key" -subj "$subject" -out "$pki/$name.csr" 2>/dev/null
  openssl x509 -req -in "$pki/$name.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial \
    -days 3650 -sha256 -extfile "$ext" -out "$pki/$name.crt" 2>/dev/null ||
    die "openssl could not sign the test cluster's $name certificate"
  rm -f "$pki/$name.csr" "$ext"
}

ensure_kubernetes_pki() { # pki-dir node-name
  local pki="$1" node="$2"
  mkdir -p "$pki" && chmod 700 "$pki"
  if [ ! -s "$pki/ca.crt" ]; then
    openssl ecparam -name prime256v1 -genkey -noout -out "$pki/ca.key" 2>/dev/null
    openssl req -x509 -new -key "$pki/ca.key" -subj "/CN=labstage-test-cluster-ca" -days 3650 -sha256 \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
      -out "$pki/ca.crt" 2>/dev/null || die "openssl could not make the test cluster's CA"
  fi
  # 10.96.0.1 is the first address of --service-cluster-ip-range, the
  # in-cluster name of the API server; nothing here dials it.
  kubernetes_sign "$pki" apiserver "/CN=kube-apiserver" server \
    "IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,IP:10.96.0.1"
  kubernetes_sign "$pki" admin "/O=system:masters/CN=labstage-cluster-admin" client
  kubernetes_sign "$pki" controller-manager "/CN=system:kube-controller-manager" client
  kubernetes_sign "$pki" scheduler "/CN=system:kube-scheduler" client
  kubernetes_sign "$pki" kwok "/O=system:masters/CN=kwok-controller" client
  kubernetes_sign "$pki" apiserver-kubelet-client "/O=system:masters/CN=kube-apiserver-kubelet-client" client
  kubernetes_sign "$pki" kubelet "/O=system:nodes/CN=system:node:$node" client
  kubernetes_sign "$pki" kubelet-serving "/CN=$node" server "IP:127.0.0.1,DNS:$node"
  if [ ! -s "$pki/service-account.key" ]; then
    openssl ecparam -name prime256v1 -genkey -noout -out "$pki/service-account.key" 2>/dev/null
    openssl ec -in "$pki/service-account.key" -pubout -out "$pki/service-account.pub" 2>/dev/null
  fi
  chmod 600 "$pki"/*.key
}

# A kubeconfig for one client certificate of the test cluster.
write_kubernetes_kubeconfig() { # file server pki-dir name
  local file="$1" server="$2" pki="$3" name="$4"
  (umask 077 && cat >"$file" <<YAML
apiVersion: v1
kind: Config
clusters:
  - name: labstage-test
    cluster:
      server: $server
      certificate-authority: $pki/ca.crt
users:
  - name: $name
    user:
      client-certificate: $pki/$name.crt
      client-key: $pki/$name.key
contexts:
  - name: $name@labstage-test
    context: { cluster: labstage-test, user: $name }
current-context: $name@labstage-test
YAML
  )
}
