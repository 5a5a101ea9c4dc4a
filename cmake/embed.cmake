# vantage_embed_files(<target> <namespace> <files...>)
# Embeds text files (shaders, default assets) into a generated .cpp so the
# binary is self-contained. Each file becomes an entry in a name -> text table
# readable through `std::string_view <namespace>::embedded_file(name)`.
function(vantage_embed_files target ns)
  set(out_dir "${CMAKE_CURRENT_BINARY_DIR}/embedded")
  set(out_cpp "${out_dir}/${target}_embedded.cpp")
  set(files ${ARGN})
  add_custom_command(
    OUTPUT "${out_cpp}"
    COMMAND ${CMAKE_COMMAND} -DOUT=${out_cpp} -DNS=${ns} "-DFILES=${files}"
            -DBASE=${CMAKE_SOURCE_DIR} -P ${CMAKE_SOURCE_DIR}/cmake/embed_script.cmake
    DEPENDS ${files} ${CMAKE_SOURCE_DIR}/cmake/embed_script.cmake
    COMMENT "Embedding ${target} files"
    VERBATIM)
  target_sources(${target} PRIVATE "${out_cpp}")
endfunction()
