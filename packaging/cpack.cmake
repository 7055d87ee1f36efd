# CPack: a Debian package (runtime dependencies from dpkg-shlibdeps) and a plain tarball.
#   cmake --build --preset release && (cd build/release && cpack -G DEB)
set(CPACK_PACKAGE_NAME hubgrowth)
set(CPACK_PACKAGE_VENDOR "HubGrowth developers")
set(CPACK_PACKAGE_CONTACT "HubGrowth developers <hubgrowth@example.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Forecast how open-weight AI models are adopted on the Hugging Face Hub")
set(CPACK_PACKAGE_DESCRIPTION
    "HubGrowth turns the lineage of open-weight models on the Hugging Face Hub (fine-tunes,\n"
    "adapters, quantizations and merges of a base model) into monthly cumulative counts and\n"
    "fits the Wang-Song-Barabasi growth model to thousands of series at once, with forecasts,\n"
    "charts and a command line.")
string(JOIN "" CPACK_PACKAGE_DESCRIPTION ${CPACK_PACKAGE_DESCRIPTION})
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_GENERATOR DEB TGZ)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_FILE_NAME "hubgrowth-${PROJECT_VERSION}-Linux")

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # hubgrowth_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Loaded at run time as plugins, so dpkg-shlibdeps cannot see them: the xcb/wayland/offscreen
# platform plugins and the SQLite driver of Qt SQL.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, libqt6sql6-sqlite")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-dejavu-core")

include(CPack)
