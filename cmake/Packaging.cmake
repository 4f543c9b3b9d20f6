# A Debian package of the plugin, built with CPack (tools/build-deb.sh):
#
#   cmake -S . -B build && cmake --build build && (cd build && cpack -G DEB)
#
# The package installs, whatever XMPPWS_INSTALL_SYSTEM says for
# `cmake --install`:
#   <Wireshark's system plugin folder>/epan/xmppws.so   (e.g. /usr/lib/x86_64-linux-gnu/wireshark/plugins/4.4/epan)
#   /usr/share/wireshark/profiles/Finesse/              (the "Finesse" profile, for every user)
# It is made for the Debian release it is built on: it depends on the
# libwireshark package the plugin was built against, at least that version
# and below the next minor release (plugins are tied to a major.minor ABI),
# plus what dpkg-shlibdeps finds. The version is the one of project() in
# CMakeLists.txt.
#
# These install rules belong to the component "deb" and are excluded from a
# plain `cmake --install`, which keeps installing into the personal folder
# (or the system one with -DXMPPWS_INSTALL_SYSTEM=ON).

set(XMPPWS_DEB_PLUGIN_DIR "${Wireshark_PLUGIN_INSTALL_DIR}/epan")
set(XMPPWS_DEB_PROFILE_DIR "/usr/share/wireshark/profiles")
install(TARGETS xmppws LIBRARY DESTINATION "${XMPPWS_DEB_PLUGIN_DIR}" COMPONENT deb EXCLUDE_FROM_ALL)
install(TARGETS xmppws-har RUNTIME DESTINATION /usr/bin COMPONENT deb EXCLUDE_FROM_ALL)
install(TARGETS xmppws-redact RUNTIME DESTINATION /usr/bin COMPONENT deb EXCLUDE_FROM_ALL)
if(XMPPWS_HAR_WIRETAP_PLUGIN)
  install(TARGETS xmppws_har_wiretap LIBRARY DESTINATION "${Wireshark_PLUGIN_INSTALL_DIR}/wiretap"
          COMPONENT deb EXCLUDE_FROM_ALL)
endif()
install(DIRECTORY "${PROJECT_SOURCE_DIR}/profiles/Finesse" DESTINATION "${XMPPWS_DEB_PROFILE_DIR}"
        COMPONENT deb EXCLUDE_FROM_ALL FILE_PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)

# The Debian package that provides libwireshark.so.N, and its version.
execute_process(COMMAND dpkg-query -W "-f=\${Package}" "libwireshark[0-9]*"
                OUTPUT_VARIABLE XMPPWS_DEB_LIBWIRESHARK OUTPUT_STRIP_TRAILING_WHITESPACE
                RESULT_VARIABLE dpkg_result ERROR_QUIET)
if(NOT dpkg_result EQUAL 0 OR XMPPWS_DEB_LIBWIRESHARK STREQUAL "")
  message(WARNING "dpkg-query found no libwireshark package; the .deb will depend on libwireshark only")
  set(XMPPWS_DEB_LIBWIRESHARK "libwireshark")
endif()

set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "wireshark-plugin-xmppws")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_VENDOR "xmppws")
set(CPACK_PACKAGE_CONTACT "xmppws maintainers <xmppws@example.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Wireshark plugin: XMPP over WebSocket (RFC 7395) and Cisco Finesse notifications")
set(CPACK_PACKAGE_DESCRIPTION
    "Dissects XMPP carried over WebSocket, as spoken between the Cisco Finesse agent desktop and the Finesse Notification Service, and the Finesse <Update> documents inside pubsub events: display-filter fields xmppws.* and finesse.*, expert infos, Statistics > Finesse. Includes the Finesse configuration profile.")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_FILE_NAME "DEB-DEFAULT")
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "${XMPPWS_DEB_LIBWIRESHARK} (>= ${Wireshark_VERSION}), ${XMPPWS_DEB_LIBWIRESHARK} (<< ${XMPPWS_WIRESHARK_NEXT}~)")
find_program(XMPPWS_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(XMPPWS_DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
endif()
set(CPACK_DEBIAN_PACKAGE_ENHANCES "wireshark, tshark")

# One package holding only the "deb" component.
set(CPACK_COMPONENTS_ALL deb)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_GROUPING ALL_COMPONENTS_IN_ONE)
set(CPACK_PACKAGE_INSTALL_DIRECTORY "/")
set(CPACK_PACKAGING_INSTALL_PREFIX "/")

include(CPack)
