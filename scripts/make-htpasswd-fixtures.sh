#!/usr/bin/env bash
# Regenerates the bad/ and good/ trees of src/rules/htpasswd/*/: password files made by Debian's htpasswd (apache2-utils)
# and mkpasswd (whois), next to an nginx.conf that reads them. Run from the repository root.
# Every password in these fixtures is "s3cret-pass" (test data only).
set -euo pipefail
cd "$(dirname "$0")/.."
PW='s3cret-pass'
F=src/rules/htpasswd
rm -rf "$F"/*/bad "$F"/*/good
hash() { printf '%s\n' "$PW" | htpasswd -i -n "$@" u | cut -d: -f2-; }   # htpasswd flags -> hash
mk() { printf '%s\n' "$PW" | mkpasswd -s -m "$1"; }

nginx_conf() { # dir [user file] — an nginx.conf whose /admin/ reads the file
  mkdir -p "$1/etc/nginx"
  cat > "$1/etc/nginx/nginx.conf" <<CONF
events {}
http {
    server {
        listen 127.0.0.1:8080;
        location /admin/ {
            auth_basic "Admin area";
            auth_basic_user_file /etc/nginx/${2:-htpasswd};
        }
        root /var/www/html;
    }
}
CONF
  mkdir -p "$1/var/www/html/admin" && echo 'admin page' > "$1/var/www/html/admin/index.html"
}
debian12() { mkdir -p "$1/etc"; printf 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n' > "$1/etc/os-release"; }
centos7() { mkdir -p "$1/etc"; printf 'NAME="CentOS Linux"\nVERSION_ID="7"\nID="centos"\nID_LIKE="rhel fedora"\nPRETTY_NAME="CentOS Linux 7 (Core)"\n' > "$1/etc/os-release"; }
pair() { nginx_conf "$F/$1/bad"; nginx_conf "$F/$1/good"; debian12 "$F/$1/bad"; debian12 "$F/$1/good"; }
good_hash() { hash -5 -r 100000; }   # SHA-512-crypt: verified by every libc and by Apache

# Encoding and lines
pair utf8-bom
{ printf '\xEF\xBB\xBFalice:%s\n' "$(good_hash)"; printf 'bob:%s\n' "$(good_hash)"; } > "$F/utf8-bom/bad/etc/nginx/htpasswd"
{ printf 'alice:%s\n' "$(good_hash)"; printf 'bob:%s\n' "$(good_hash)"; } > "$F/utf8-bom/good/etc/nginx/htpasswd"

pair empty-file
printf '# users are added by the deploy script\n' > "$F/empty-file/bad/etc/nginx/htpasswd"
printf '# users are added by the deploy script\nalice:%s\n' "$(good_hash)" > "$F/empty-file/good/etc/nginx/htpasswd"

pair line-endings
printf 'alice:%s\r\nbob:%s\r\n' "$(good_hash)" "$(good_hash)" > "$F/line-endings/bad/etc/nginx/htpasswd"
printf 'alice:%s\nbob:%s\n' "$(good_hash)" "$(good_hash)" > "$F/line-endings/good/etc/nginx/htpasswd"

pair htdigest-file-used-for-basic
printf 'alice:Admin area:%s\n' "$(printf 'alice:Admin area:%s' "$PW" | md5sum | cut -c1-32)" > "$F/htdigest-file-used-for-basic/bad/etc/nginx/htpasswd"
printf 'alice:%s\n' "$(good_hash)" > "$F/htdigest-file-used-for-basic/good/etc/nginx/htpasswd"

# Read by Apache too (no config references the file: both servers' view applies)
mkdir -p "$F/overlong-line-apache/bad/etc/nginx" "$F/overlong-line-apache/good/etc/nginx"
{ printf 'alice:%s\n' "$(good_hash)"; printf '# '; printf 'x%.0s' $(seq 1 9000); printf '\n'; printf 'bob:%s\n' "$(good_hash)"; } > "$F/overlong-line-apache/bad/etc/nginx/htpasswd"
{ printf 'alice:%s\n' "$(good_hash)"; printf 'bob:%s\n' "$(good_hash)"; } > "$F/overlong-line-apache/good/etc/nginx/htpasswd"

pair missing-colon
{ printf 'alice:%s\n' "$(good_hash)"; printf '%s\n' "$(good_hash)"; } > "$F/missing-colon/bad/etc/nginx/htpasswd"
printf 'alice:%s\n' "$(good_hash)" > "$F/missing-colon/good/etc/nginx/htpasswd"

pair whitespace-in-entry
{ printf '  alice:%s\n' "$(good_hash)"; printf 'bob:%s  \n' "$(good_hash)"; printf 'carol : %s\n' "$(good_hash)"; } > "$F/whitespace-in-entry/bad/etc/nginx/htpasswd"
{ printf 'alice:%s\n' "$(good_hash)"; printf 'bob:%s\n' "$(good_hash)"; printf 'carol:%s:Carol from accounting\n' "$(good_hash)"; } > "$F/whitespace-in-entry/good/etc/nginx/htpasswd"

pair duplicate-user
{ printf 'alice:%s\n' "$(good_hash)"; printf 'bob:%s\n' "$(good_hash)"; printf 'alice:%s\n' "$(good_hash)"; } > "$F/duplicate-user/bad/etc/nginx/htpasswd"
{ printf 'alice:%s\n' "$(good_hash)"; printf 'bob:%s\n' "$(good_hash)"; } > "$F/duplicate-user/good/etc/nginx/htpasswd"

pair invalid-username
printf 'jos\xc3\xa9:%s\n' "$(good_hash)" > "$F/invalid-username/bad/etc/nginx/htpasswd"
printf 'jose:%s\n' "$(good_hash)" > "$F/invalid-username/good/etc/nginx/htpasswd"

# Hash schemes
pair plaintext-password
printf 'alice:%s\n' "$(hash -p)" > "$F/plaintext-password/bad/etc/nginx/htpasswd"
printf 'alice:%s\n' "$(good_hash)" > "$F/plaintext-password/good/etc/nginx/htpasswd"

pair empty-hash
{ printf 'alice:%s\n' "$(good_hash)"; printf 'bob:\n'; } > "$F/empty-hash/bad/etc/nginx/htpasswd"
printf 'alice:%s\n' "$(good_hash)" > "$F/empty-hash/good/etc/nginx/htpasswd"

pair malformed-hash
printf 'alice:%s\n' "$(good_hash | cut -c1-60)" > "$F/malformed-hash/bad/etc/nginx/htpasswd"
printf 'alice:%s\n' "$(good_hash)" > "$F/malformed-hash/good/etc/nginx/htpasswd"

# bcrypt read by nginx on CentOS 7 (glibc's own crypt): 500; the same file on Debian 12 works.
nginx_conf "$F/unsupported-scheme/bad"; nginx_conf "$F/unsupported-scheme/good"
centos7 "$F/unsupported-scheme/bad"; centos7 "$F/unsupported-scheme/good"
printf 'alice:%s\n' "$(hash -B -C 12)" > "$F/unsupported-scheme/bad/etc/nginx/htpasswd"
printf 'alice:%s\n' "$(good_hash)" > "$F/unsupported-scheme/good/etc/nginx/htpasswd"

pair libc-dependent-scheme
printf 'alice:%s\n' "$(mk yescrypt)" > "$F/libc-dependent-scheme/bad/etc/nginx/htpasswd"
printf 'alice:%s\n' "$(good_hash)" > "$F/libc-dependent-scheme/good/etc/nginx/htpasswd"

pair plain-scheme
printf 'alice:{PLAIN}%s\n' "$PW" > "$F/plain-scheme/bad/etc/nginx/htpasswd"
printf 'alice:%s\n' "$(good_hash)" > "$F/plain-scheme/good/etc/nginx/htpasswd"

pair unsalted-sha1
printf 'alice:%s\n' "$(hash -s)" > "$F/unsalted-sha1/bad/etc/nginx/htpasswd"
printf 'alice:%s\n' "$(good_hash)" > "$F/unsalted-sha1/good/etc/nginx/htpasswd"

pair ssha
salt='NaCl4you'
printf 'alice:{SSHA}%s\n' "$( (printf '%s%s' "$PW" "$salt" | openssl dgst -sha1 -binary; printf '%s' "$salt") | base64 -w0)" > "$F/ssha/bad/etc/nginx/htpasswd"
printf 'alice:%s\n' "$(good_hash)" > "$F/ssha/good/etc/nginx/htpasswd"

pair des-crypt
printf 'alice:%s\n' "$(hash -d 2>/dev/null)" > "$F/des-crypt/bad/etc/nginx/htpasswd"
printf 'alice:%s\n' "$(good_hash)" > "$F/des-crypt/good/etc/nginx/htpasswd"

pair md5-based
{ printf 'alice:%s\n' "$(hash -m)"; printf 'bob:%s\n' "$(mk md5crypt)"; } > "$F/md5-based/bad/etc/nginx/htpasswd"
printf 'alice:%s\n' "$(good_hash)" > "$F/md5-based/good/etc/nginx/htpasswd"

pair bcrypt-low-cost
printf 'alice:%s\n' "$(hash -B)" > "$F/bcrypt-low-cost/bad/etc/nginx/htpasswd"
printf 'alice:%s\n' "$(good_hash)" > "$F/bcrypt-low-cost/good/etc/nginx/htpasswd"

# Permissions: git keeps no owners or modes, so these trees carry etc/passwd and etc/group
# (a full root file system, where authlint checks modes) and modes.json, which the tests
# apply to a copy (chmod/chown) before linting.
for rule in file-permissions-too-open file-not-readable-by-worker file-wrong-owner; do
  for kind in bad good; do
    d="$F/$rule/$kind"
    nginx_conf "$d"; debian12 "$d"
    sed -i '1i user www-data;' "$d/etc/nginx/nginx.conf"
    printf 'root:x:0:0:root:/root:/bin/bash\nwww-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\ndeploy:x:1000:1000:deploy:/home/deploy:/bin/bash\n' > "$d/etc/passwd"
    printf 'root:x:0:\nwww-data:x:33:\ndeploy:x:1000:\n' > "$d/etc/group"
    printf 'alice:%s\n' "$(good_hash)" > "$d/etc/nginx/htpasswd"
  done
done
echo '{ "etc/nginx/htpasswd": { "mode": "0644", "uid": 0, "gid": 33 } }' > "$F/file-permissions-too-open/bad/modes.json"
echo '{ "etc/nginx/htpasswd": { "mode": "0640", "uid": 0, "gid": 33 } }' > "$F/file-permissions-too-open/good/modes.json"
echo '{ "etc/nginx/htpasswd": { "mode": "0600", "uid": 0, "gid": 0 } }' > "$F/file-not-readable-by-worker/bad/modes.json"
echo '{ "etc/nginx/htpasswd": { "mode": "0640", "uid": 0, "gid": 33 } }' > "$F/file-not-readable-by-worker/good/modes.json"
echo '{ "etc/nginx/htpasswd": { "mode": "0640", "uid": 33, "gid": 33 } }' > "$F/file-wrong-owner/bad/modes.json"
echo '{ "etc/nginx/htpasswd": { "mode": "0640", "uid": 0, "gid": 33 } }' > "$F/file-wrong-owner/good/modes.json"
echo "fixtures written to $F"
