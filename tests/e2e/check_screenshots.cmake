# Runs `kiosk --screenshots OUT` and checks a PNG exists for every kind of screen.
file(REMOVE_RECURSE "${OUT}")
execute_process(COMMAND "${KIOSK}" --screenshots "${OUT}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "kiosk --screenshots failed with ${rc}")
endif()
foreach(screen attract intro privacy question-info question-consent question-single_choice
        question-multiple_choice question-rating question-scale question-free_text
        question-ranking question-area review thank-you still-there staff-choose-pin
        staff-home staff-pin-wrong unavailable)
  file(GLOB found "${OUT}/*-${screen}*.png")
  if(NOT found)
    message(FATAL_ERROR "no screenshot of the ${screen} screen in ${OUT}")
  endif()
endforeach()
