# CTest: exports OpenLABEL from real data with the `vantage` CLI and validates
# the files against the official schema with Debian's python3-jsonschema.
# -DCLI=vantage -DDATA=shared data folder -DPYTHON=python3 -DSCRIPT=validate_openlabel.py -DWORK=scratch folder
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
set(files "")
macro(convert name)
  execute_process(COMMAND "${CLI}" convert ${ARGN} --to openlabel --out "${WORK}/${name}"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "vantage convert (${name}) failed (${rc}):\n${out}")
  endif()
  list(APPEND files "${WORK}/${name}/openlabel.json")
endmacro()
convert(vcd "${DATA}/openlabel/openlabel100_kitti_tracking_0000.json")
convert(coco_nuscenes "${DATA}/coco/nuscenes_mono3d/nus_infos_mono3d.coco.json")
if(EXISTS "${DATA}/kitti_tracking/training/calib/0000.txt")
  execute_process(COMMAND "${CLI}" convert "${DATA}/kitti_tracking/training" --sequence 0000 --to openlabel
                          --out "${WORK}/kitti_tracking" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(rc EQUAL 0)
    list(APPEND files "${WORK}/kitti_tracking/openlabel.json")
  else()
    message(STATUS "KITTI tracking not convertible in this build: ${out}")
  endif()
endif()
execute_process(COMMAND "${PYTHON}" "${SCRIPT}" "${DATA}/openlabel/openlabel_json_schema-v1.0.0.json" ${files}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
message("${out}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "OpenLABEL schema validation failed")
endif()
file(REMOVE_RECURSE "${WORK}")
