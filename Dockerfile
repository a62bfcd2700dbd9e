# sandbox-bench as an image (docs/release.md). Multi-stage: a Swift builder, then a slim Debian
# runtime with the binary, libsqlite3 and the CA certificates, flattened into one layer. The base images are build arguments:
# the public ones by default, locally made ones where no registry is reachable
# (Deploy/docker/make-base-images.sh; then `docker build --network none`).
#
#   docker build -t sandbox-bench .
#   docker build --network none --build-arg BUILDER_IMAGE=sandbox-bench/swift-builder:bookworm \
#     --build-arg RUNTIME_IMAGE=sandbox-bench/debian-runtime:bookworm -t sandbox-bench .
#
#   docker run --rm --network none -v /var/run/docker.sock:/var/run/docker.sock -v "$PWD:/data" \
#     sandbox-bench run
#
# The builder takes the release archive in dist/ when the context has one (Scripts/release.sh,
# made from the same commit: its checksums are checked), else it makes one with Scripts/release.sh,
# which fetches the packages at the revisions Package.resolved pins. Either way the image holds
# exactly the files of a release archive, installed by Deploy/install.sh.
ARG BUILDER_IMAGE=swift:6.3-bookworm
ARG RUNTIME_IMAGE=debian:bookworm-slim

FROM ${BUILDER_IMAGE} AS builder
WORKDIR /src
COPY . .
RUN set -eu; \
    set -- dist/sandbox-bench-*-linux-"$(uname -m)".tar.gz; \
    if [ "$#" -gt 1 ]; then echo "dockerfile: more than one release archive in dist/: $*" >&2; exit 2; fi; \
    if [ -f "$1" ]; then archive=$1; else archive=$(Scripts/release.sh); fi; \
    DESTDIR=/out PREFIX=/usr Deploy/install.sh --tool-only "$archive"

FROM ${RUNTIME_IMAGE} AS runtime
# debian:bookworm-slim lacks both packages; the locally made runtime base has them already.
RUN if [ "$(dpkg-query -W -f '${db:Status-Status} ' libsqlite3-0 ca-certificates 2>/dev/null)" != "installed installed " ]; \
    then apt-get update \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libsqlite3-0 ca-certificates \
      && rm -rf /var/lib/apt/lists/*; \
    fi
COPY --from=builder /out/usr/ /usr/
# The image runs one binary: what only the package manager and its scripts use goes (apt, dpkg's
# database, debconf, perl, glibc's iconv modules, OpenSSL — the binary carries its own TLS), about
# 35 MB, so that the image stays under 150 MB. The build stops if the binary then lacks a library.
RUN rm -rf /usr/share/doc /usr/share/man/man[2-8] /usr/share/info /usr/share/locale/* /usr/share/common-licenses \
      /usr/bin/apt* /usr/lib/apt /usr/lib/x86_64-linux-gnu/libapt-* /var/lib/apt /var/cache/apt \
      /var/lib/dpkg /var/cache/debconf /usr/share/debconf /usr/bin/perl* /usr/lib/x86_64-linux-gnu/perl-base \
      /usr/share/perl5 /usr/lib/x86_64-linux-gnu/gconv /usr/bin/openssl /usr/lib/x86_64-linux-gnu/libssl.so* \
      /usr/lib/x86_64-linux-gnu/libcrypto.so* /usr/lib/x86_64-linux-gnu/libdb-5.3.so \
    && if ldd /usr/bin/sandbox-bench | grep 'not found'; then exit 1; fi \
    && /usr/bin/sandbox-bench --version

# One layer: what was removed above is not kept in a layer below.
FROM scratch
COPY --from=runtime / /
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
# The mounted folder holds the database (./sandbox-bench/results.sqlite, as under
# ~/.local/share on a host) and the reports (./Reports); --db names another.
ENV XDG_DATA_HOME=/data
WORKDIR /data
ENTRYPOINT ["/usr/bin/sandbox-bench"]
CMD ["--help"]
