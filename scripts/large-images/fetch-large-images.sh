#!/usr/bin/env bash
# fetch-large-images.sh — fetch the large public-domain / CC0 photos and painting
# scans used by issue 20's study, straight from Debian 12 (bookworm) packages.
#
# Usage: ./fetch-large-images.sh [OUT_DIR]        (default: out/large-images)
#
# For each package below it runs `apt-get download` into a temp dir, unpacks the
# .deb with `dpkg-deb -x`, and copies the listed files, unchanged, to OUT_DIR under
# the chosen names. Files already present with the right size are skipped, so it
# is safe to run again. Needs apt-get and dpkg-deb (no root, no install).
#
# What each image shows, its pixel size and its licence (quoted from the package's
# /usr/share/doc/PKG/copyright, or the theme readme where that file is silent) are
# in SOURCES.md next to this script. Read it before using an image elsewhere.
set -euo pipefail

OUT=${1:-out/large-images}

# package | path inside the package | output name | size in bytes
LIST='
lomiri-wallpapers-16.04|usr/share/backgrounds/seeding_by_Clements_Engelhardt.jpg|photo-seeding-engelhardt.jpg|1485159
lebiniou-data|usr/share/lebiniou/images/opale95/lebiniou_clouds_beach.png|landscape-beach-bw.png|1009558
lebiniou-data|usr/share/lebiniou/images/opale95/village_moonlight.png|landscape-village-moonlight-bw.png|939670
lebiniou-data|usr/share/lebiniou/images/opale95/aquarium.png|interior-aquarium-bw.png|584258
lebiniou-data|usr/share/lebiniou/images/opale95/watching_blank_screen.png|interior-cinema-bw.png|577780
lebiniou-data|usr/share/lebiniou/images/opale95/cat_watching_tv.png|animal-cat-by-tv-bw.png|678810
lebiniou-data|usr/share/lebiniou/images/biniou/sardine.png|animal-fish-bw.png|317641
lebiniou-data|usr/share/lebiniou/images/opale95/motherboard.png|product-motherboard-bw.png|1203978
lebiniou-data|usr/share/lebiniou/images/opale95/tv_in_leaves.png|product-tv-in-leaves-bw.png|804044
lebiniou-data|usr/share/lebiniou/images/opale95/globe_and_holding_smartphone.png|product-phone-and-globe-bw.png|584247
lebiniou-data|usr/share/lebiniou/images/opale95/magic_cube.png|product-cube-bw.png|202368
xplanet-images|usr/share/xplanet/images/earth.jpg|aerial-earth-day-nasa.jpg|266599
xplanet-images|usr/share/xplanet/images/night.jpg|aerial-earth-night-nasa.jpg|137603
wordpress-theme-twentytwentytwo|usr/share/wordpress/wp-content/themes/twentytwentytwo/assets/images/ducks.jpg|painting-hashiguchi-ducks.jpg|366525
wordpress-theme-twentytwentyone|usr/share/wordpress/wp-content/themes/twentytwentyone/assets/images/Daffodils.jpg|painting-morisot-daffodils.jpg|217634
wordpress-theme-twentytwentyone|usr/share/wordpress/wp-content/themes/twentytwentyone/assets/images/Reading.jpg|painting-morisot-reading.jpg|267337
wordpress-theme-twentytwentyone|usr/share/wordpress/wp-content/themes/twentytwentyone/assets/images/in-the-bois-de-boulogne.jpg|painting-morisot-bois-de-boulogne.jpg|276539
wordpress-theme-twentytwentyone|usr/share/wordpress/wp-content/themes/twentytwentyone/assets/images/playing-in-the-sand.jpg|painting-morisot-playing-in-the-sand.jpg|198968
wordpress-theme-twentytwentyone|usr/share/wordpress/wp-content/themes/twentytwentyone/assets/images/roses-tremieres-hollyhocks-1884.jpg|painting-morisot-hollyhocks.jpg|287158
wordpress-theme-twentytwentyone|usr/share/wordpress/wp-content/themes/twentytwentyone/assets/images/self-portrait-1885.jpg|painting-morisot-self-portrait.jpg|196681
wordpress-theme-twentytwentyone|usr/share/wordpress/wp-content/themes/twentytwentyone/assets/images/the-garden-at-bougival-1884.jpg|painting-morisot-garden-at-bougival.jpg|268810
wordpress-theme-twentytwentyone|usr/share/wordpress/wp-content/themes/twentytwentyone/assets/images/villa-with-orange-trees-nice.jpg|painting-morisot-villa-orange-trees.jpg|258830
wordpress-theme-twentytwentyone|usr/share/wordpress/wp-content/themes/twentytwentyone/assets/images/young-woman-in-mauve.jpg|painting-morisot-young-woman-in-mauve.jpg|156480
'

command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null ||
  { echo "error: needs apt-get and dpkg-deb (a Debian system)" >&2; exit 1; }
mkdir -p "$OUT"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

up_to_date() { # $1 = output name, $2 = expected size
  [ -f "$OUT/$1" ] && [ "$(stat -c %s "$OUT/$1")" = "$2" ]
}

for pkg in $(echo "$LIST" | cut -d'|' -f1 | sort -u); do
  rows=$(echo "$LIST" | awk -F'|' -v p="$pkg" '$1 == p')
  need=0
  while IFS='|' read -r _ _ name size; do up_to_date "$name" "$size" || need=1; done <<<"$rows"
  if [ $need = 0 ]; then echo "up to date: $pkg"; continue; fi

  mkdir -p "$TMP/$pkg"
  if ! (cd "$TMP/$pkg" && apt-get download "$pkg" >"$TMP/$pkg.log" 2>&1); then
    cat "$TMP/$pkg.log" >&2
    echo "error: could not download Debian package '$pkg' (is it in this system's apt sources? try 'apt-get update')" >&2
    exit 1
  fi
  deb=$(ls "$TMP/$pkg"/*.deb)
  echo "downloaded: $(basename "$deb") ($(( $(stat -c %s "$deb") / 1024 )) KiB)"
  dpkg-deb -x "$deb" "$TMP/$pkg/root"
  while IFS='|' read -r _ path name size; do
    src="$TMP/$pkg/root/$path"
    [ -f "$src" ] || { echo "error: $pkg no longer contains /$path" >&2; exit 1; }
    cp "$src" "$OUT/$name"
    got=$(stat -c %s "$OUT/$name")
    [ "$got" = "$size" ] || echo "warning: $name is $got bytes, SOURCES.md recorded $size (package changed?)" >&2
    echo "wrote: $OUT/$name ($(( got / 1024 )) KiB)"
  done <<<"$rows"
  rm -rf "$TMP/$pkg"
done
