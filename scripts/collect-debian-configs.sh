#!/bin/sh
# Rebuild fixtures/real-world/debian from Debian's packages: the web-server configs that
# packages ship (Apache conf-available/sites-available/mods-available files, nginx examples,
# the .htaccess files of web applications) and a few non-target files that sit beside them
# (lighttpd configs, a logrotate script) which must not be taken for nginx or Apache.
# Needs apt (downloads only: nothing is installed) and dpkg-deb. Writes MANIFEST.tsv.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
out="$here/fixtures/real-world/debian"
list="$here/fixtures/real-world/debian-files.tsv"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
rm -rf "$out"
mkdir -p "$out"
printf 'local_path\tpackage\tversion\tpath_in_package\tlicense\texpected_kind\n' > "$out/MANIFEST.tsv"
# debian-files.tsv: package, path in the package, expected kind (nginx|apache|htaccess|none), licence
tail -n +2 "$list" | while IFS='	' read -r package file kind license; do
  if [ ! -d "x/$package" ]; then
    apt-get download "$package" >/dev/null 2>&1
    mkdir -p "x/$package"
    dpkg-deb -x "$package"_*.deb "x/$package"
  fi
  version=$(dpkg-deb -f "$package"_*.deb Version)
  mkdir -p "$out/$package/$(dirname "$file")"
  cp "x/$package/$file" "$out/$package/$file"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$package/$file" "$package" "$version" "$file" "$license" "$kind" >> "$out/MANIFEST.tsv"
done
